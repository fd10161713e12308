package org.eegworkflow.module.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.sdk.ValueCodec;

/**
 * Module versions loaded into this server, each in its own class loader, loaded on first use from their unpacked
 * folders (so a restart, or another server sharing the data folder, loads them again as needed).
 */
@ApplicationScoped
public class LoadedModules {
    private static final Logger LOG = Logger.getLogger(LoadedModules.class.getName());

    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    /**
     * One loaded module version: its block types by name, its codecs by type, its class loader, and its identity
     * (a SHA-256 over the content of its jars: a module deleted and uploaded again as version 1 with other code is
     * not the same module to the result cache).
     */
    public record Loaded(String name, int version, Map<String, BlockSpec> blocks, Map<String, ValueCodec> codecs,
                         ModuleClassLoader loader, String identity) {
    }

    public Loaded get(String name, int version, Path folder) {
        return loaded.computeIfAbsent(key(name, version, folder), k -> load(name, version, folder));
    }

    /** Loads an unpacked module version; throws InvalidModuleException with the reason. */
    static Loaded load(String name, int version, Path folder) {
        UnpackedModule unpacked = ModuleArchives.reopen(folder);
        return loaded(name, version, unpacked, new ModuleClassLoader(name, unpacked.jars()));
    }

    static Loaded loaded(String name, int version, UnpackedModule unpacked, ModuleClassLoader loader) {
        Map<String, BlockSpec> blocks = new LinkedHashMap<>();
        ModuleLoader.blocks(name, unpacked, loader).forEach(spec -> blocks.put(spec.name(), spec));
        Map<String, ValueCodec> codecs = new LinkedHashMap<>();
        ModuleLoader.codecs(unpacked, loader).forEach(codec -> codecs.put(codec.type(), codec));
        return new Loaded(name, version, blocks, codecs, loader, identity(unpacked));
    }

    /** The SHA-256 over the module's jars, in class path order, each by its path inside the module and content. */
    static String identity(UnpackedModule unpacked) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path jar : unpacked.jars()) {
                digest.update(unpacked.dir().relativize(jar).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                try (java.io.InputStream in = java.nio.file.Files.newInputStream(jar)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new InvalidModuleException("cannot read the module's jars: " + e.getMessage());
        }
    }

    /** A version just uploaded here, unpacked in {@code folder}. */
    public void put(Loaded module, Path folder) {
        loaded.put(key(module.name(), module.version(), folder), module);
    }

    /** Forgets every version of a deleted module and closes their class loaders. */
    public void evict(String name) {
        loaded.entrySet().removeIf(entry -> {
            if (entry.getValue().name().equals(name)) {
                try {
                    entry.getValue().loader().close();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "closing the class loader of " + name, e);
                }
                return true;
            }
            return false;
        });
    }

    /**
     * The folder is part of the key: a module deleted and uploaded again starts at version 1 again, and when that
     * happens on another server sharing the data folder, this one never heard of the deletion; each upload has a
     * folder of its own.
     */
    private static String key(String name, int version, Path folder) {
        return name + "@" + version + "@" + folder.toAbsolutePath().normalize();
    }
}
