package org.eegworkflow.module.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eegworkflow.block.control.BlockCatalog;
import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.sdk.ValueCodec;

/**
 * The block types of one user's workflow: built-ins first, then uploaded modules, each resolved once and remembered,
 * so the versions a job used can be recorded with it.
 */
public final class ModuleCatalog implements BlockCatalog {
    private final BlockRegistry builtIns;
    private final ModuleService modules;
    private final long userId;
    private final Map<String, Integer> pinned;
    private final Map<String, LoadedModules.Loaded> resolved = new LinkedHashMap<>();

    ModuleCatalog(BlockRegistry builtIns, ModuleService modules, long userId, Map<String, Integer> pinned) {
        this.builtIns = builtIns;
        this.modules = modules;
        this.userId = userId;
        this.pinned = pinned;
    }

    @Override
    public boolean hasModule(String module) {
        return builtIns.hasModule(module) || uploaded(module) != null;
    }

    @Override
    public Optional<BlockSpec> find(String module, String type) {
        if (builtIns.hasModule(module)) {
            return builtIns.find(module, type);
        }
        LoadedModules.Loaded loaded = uploaded(module);
        return loaded == null ? Optional.empty() : Optional.ofNullable(loaded.blocks().get(type));
    }

    @Override
    public Optional<ValueCodec> codec(String type) {
        Optional<ValueCodec> builtIn = builtIns.codec(type);
        if (builtIn.isPresent()) {
            return builtIn;
        }
        return resolved.values().stream().map(m -> m.codecs().get(type)).filter(c -> c != null).findFirst();
    }

    /** The uploaded module versions this catalog resolved, to record with a job. */
    public Map<String, Integer> versions() {
        Map<String, Integer> versions = new LinkedHashMap<>();
        resolved.forEach((name, module) -> versions.put(name, module.version()));
        return versions;
    }

    /**
     * What identifies the module's code, for the result cache: for an uploaded module the hash of its archive's
     * jars, for a built-in one the build of the WAR ({@link BuildId}); null for a module it does not know.
     */
    public String identity(String module) {
        if (builtIns.hasModule(module)) {
            return "built-in " + BuildId.value();
        }
        LoadedModules.Loaded loaded = uploaded(module);
        return loaded == null ? null : loaded.identity();
    }

    /** The module's version as a person reads it ("3", or "built-in"). */
    public String versionLabel(String module) {
        if (builtIns.hasModule(module)) {
            return "built-in";
        }
        LoadedModules.Loaded loaded = uploaded(module);
        return loaded == null ? "?" : Integer.toString(loaded.version());
    }

    private LoadedModules.Loaded uploaded(String module) {
        if (!resolved.containsKey(module)) {
            LoadedModules.Loaded loaded = modules.resolve(module, userId, pinned.get(module));
            if (loaded == null) {
                return null;
            }
            resolved.put(module, loaded);
        }
        return resolved.get(module);
    }
}
