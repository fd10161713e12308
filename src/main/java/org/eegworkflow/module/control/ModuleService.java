package org.eegworkflow.module.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.auth.control.AccountService;
import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.auth.entity.User;
import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.module.entity.Module;
import org.eegworkflow.module.entity.ModuleVersion;
import org.eegworkflow.platform.ConflictException;
import org.eegworkflow.platform.DomainException;
import org.eegworkflow.platform.Folders;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.platform.NotFoundException;
import org.eegworkflow.platform.NotPermittedException;
import org.eegworkflow.platform.Settings;

/**
 * Uploads, lists and deletes modules, and gives each user the catalog of block types they may use: the built-in
 * modules, their own modules and public ones, each at its newest version (or, for a restarted job, the versions it
 * first ran with).
 */
@ApplicationScoped
public class ModuleService {
    static final String BUILT_IN_OWNER = "system";

    @Inject
    ModuleStore store;

    @Inject
    LoadedModules loaded;

    @Inject
    BlockRegistry builtIns;

    @Inject
    Settings settings;

    @Inject
    AccountService accounts;

    /** What an upload added. */
    public record Uploaded(String name, int version, int blocks) {
    }

    /** A module as the list shows it: newest version first. */
    public record ModuleInfo(Module module, String ownerName, List<ModuleVersion> versions) {
    }

    /**
     * Checks, unpacks and loads an uploaded archive as a new version of the module its file name names. Nothing is
     * stored unless every check passes.
     */
    public Uploaded upload(AuthenticatedUser caller, InputStream content, String fileName, Boolean isPublic) {
        return upload(caller, content, fileName, () -> isPublic);
    }

    /**
     * An upload whose visibility is known only once the archive has been read: a form streamed from the request
     * may send its {@code public} field after the file (the web page does). Who may upload and the module's name
     * are checked before the archive is read.
     */
    public Uploaded upload(AuthenticatedUser caller, InputStream content, String fileName,
                           java.util.function.Supplier<Boolean> visibility) {
        if (!settings.openModuleUpload() && !caller.roles().contains(User.AUTHOR)
                && !caller.roles().contains(User.ADMIN)) {
            // the old web client shows this text as it is: it names what to ask for, and for which account
            throw new NotPermittedException("uploading modules needs the author role (uploaded code runs inside the"
                    + " server): ask an admin to give your account " + caller.email() + " the author role");
        }
        String name = moduleName(fileName);
        if (builtIns.hasModule(name)) {
            throw new NotPermittedException("module name '" + name + "' is taken by a built-in module");
        }
        Module existing = store.byName(name).orElse(null);
        if (existing != null && existing.getOwnerId() != caller.id()) {
            throw new NotPermittedException("module name '" + name + "' is taken by another user");
        }
        ArchiveLimits limits = limits();
        Path modules = settings.dataDir().resolve("modules");
        Path upload = null;
        Path target = modules.resolve(folderName(name)).resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(modules);
            upload = Files.createTempFile(modules, "upload-", ".tmp");
            long size = copyLimited(content, upload, limits.maxArchiveBytes());
            Boolean isPublic = visibility.get();
            UnpackedModule unpacked = ModuleArchives.unpack(upload, fileName, target, limits);
            ModuleArchives.remember(unpacked);
            LoadedModules.Loaded module;
            try {
                module = LoadedModules.loaded(name, 0, unpacked, new ModuleClassLoader(name, unpacked.jars()));
            } catch (RuntimeException e) {
                delete(target);
                throw e;
            }
            ModuleVersion version;
            try {
                version = store.addVersion(name, caller.id(), isPublic, fileName,
                        settings.dataDir().relativize(target).toString(), size, module.blocks().size());
            } catch (RuntimeException e) {
                delete(target);
                throw e;
            }
            loaded.put(new LoadedModules.Loaded(name, version.getVersion(), module.blocks(), module.codecs(),
                    module.loader(), module.identity()), target);
            return new Uploaded(name, version.getVersion(), module.blocks().size());
        } catch (InvalidModuleException e) {
            throw new InvalidInputException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the uploaded module", e);
        } finally {
            if (upload != null) {
                delete(upload);
            }
        }
    }

    public List<ModuleInfo> list(AuthenticatedUser caller) {
        List<ModuleInfo> modules = new ArrayList<>();
        for (Module module : store.visibleTo(caller.id())) {
            modules.add(new ModuleInfo(module, accounts.find(module.getOwnerId()).getUsername(),
                    store.versions(module.getId())));
        }
        return modules;
    }

    /** Deletes a module with all its versions (owner or admin). Jobs that used it keep their results. */
    public void delete(AuthenticatedUser caller, String name) {
        Module module = store.byName(name).filter(m -> m.isVisibleTo(caller.id())
                || caller.roles().contains(User.ADMIN)).orElseThrow(() -> new NotFoundException(
                "module " + DomainException.quote(name) + " not found"));
        if (module.getOwnerId() != caller.id() && !caller.roles().contains(User.ADMIN)) {
            throw new NotPermittedException("only the owner of module " + DomainException.quote(name) + " or an admin may delete it");
        }
        List<ModuleVersion> versions = store.versions(module.getId());
        store.delete(module);
        loaded.evict(name);
        for (ModuleVersion version : versions) {
            delete(settings.dataDir().resolve(version.getFolder()));
        }
    }

    /** A module in the palette: its block types, who owns it, whether it is public. */
    public record PaletteModule(String name, String owner, boolean isPublic, Collection<BlockSpec> blocks) {
    }

    /** The palette: the built-in modules, then the newest version of every module the user can see. */
    public List<PaletteModule> palette(AuthenticatedUser caller) {
        List<PaletteModule> palette = new ArrayList<>();
        Map<String, List<BlockSpec>> builtIn = new LinkedHashMap<>();
        builtIns.all().forEach(spec -> builtIn.computeIfAbsent(spec.module(), m -> new ArrayList<>()).add(spec));
        builtIn.forEach((name, specs) -> palette.add(new PaletteModule(name, BUILT_IN_OWNER, true, specs)));
        for (ModuleInfo info : list(caller)) {
            LoadedModules.Loaded newest = resolve(info.module().getName(), caller.id(), null);
            if (newest != null) {
                palette.add(new PaletteModule(info.module().getName(), info.ownerName(), info.module().isPublic(),
                        newest.blocks().values()));
            }
        }
        return palette;
    }

    /** The block types a user may use now: built-ins, then their own and public modules at their newest version. */
    public ModuleCatalog catalogFor(long userId) {
        return new ModuleCatalog(builtIns, this, userId, Map.of());
    }

    /** The block types of a job that already ran: the module versions it recorded, whoever owns them now. */
    public ModuleCatalog pinned(long userId, Map<String, Integer> versions) {
        return new ModuleCatalog(builtIns, this, userId, versions);
    }

    /** A module version for a catalog, loaded on first use; null when the module is unknown or not visible. */
    LoadedModules.Loaded resolve(String name, long userId, Integer pinnedVersion) {
        Module module = store.byName(name).orElse(null);
        if (module == null || (pinnedVersion == null && !module.isVisibleTo(userId))) {
            return null;
        }
        ModuleVersion version = pinnedVersion != null
                ? store.version(module.getId(), pinnedVersion).orElse(null)
                : store.versions(module.getId()).stream().findFirst().orElse(null);
        if (version == null) {
            return null;
        }
        try {
            return loaded.get(name, version.getVersion(), settings.dataDir().resolve(version.getFolder()));
        } catch (InvalidModuleException e) {
            throw new ConflictException("module " + name + " version " + version.getVersion()
                    + " cannot be loaded any more: " + e.getMessage());
        }
    }

    /**
     * Limits for module archives: {@code modules.max.mb} (default 100), {@code modules.max.entries} (10000),
     * {@code modules.max.unpacked.mb} (500), {@code modules.max.ratio} (100, the largest compression ratio of an entry).
     */
    ArchiveLimits limits() {
        return new ArchiveLimits((long) (settings.value("modules.max.mb", 100) * (1 << 20)),
                (int) settings.value("modules.max.entries", 10_000),
                (long) (settings.value("modules.max.unpacked.mb", 500) * (1 << 20)),
                (int) settings.value("modules.max.ratio", 100));
    }

    static String moduleName(String fileName) {
        try {
            return ModuleArchives.moduleName(fileName);
        } catch (InvalidModuleException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private static String folderName(String moduleName) {
        return moduleName.replace(':', '_').toLowerCase(Locale.ROOT);
    }

    private static long copyLimited(InputStream in, Path file, long max) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > max) {
                    throw new InvalidModuleException("the archive is larger than the limit of " + (max >> 20)
                            + " MB");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static void delete(Path path) {
        Folders.deleteRecursively(path);
    }
}
