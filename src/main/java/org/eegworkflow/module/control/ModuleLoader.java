package org.eegworkflow.module.control;

import java.lang.annotation.AnnotationFormatError;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.block.control.BlockDefinitionException;
import org.eegworkflow.block.control.BlockIntrospector;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.ValueCodec;

/** Loads a module's block types and codecs from the candidates {@link ModuleArchives#unpack} found. */
public final class ModuleLoader {
    private static final String VISIBILITY = "a module sees only its own jars, the SDK (org.eegworkflow.sdk) and the"
            + " JDK: put the missing classes into the module, for a jar module as jars under lib/";

    private ModuleLoader() {
    }

    /**
     * Loads every candidate block class and describes it with {@link BlockIntrospector#describe}. Candidates that
     * turn out not to carry {@code @BlockType} (a class that merely mentions the annotation) are skipped.
     *
     * @throws InvalidModuleException a class fails to load or link, breaks the SDK contract, or shares its block type
     *                                name with another; or the module has no block type at all
     */
    public static List<BlockSpec> blocks(String moduleName, UnpackedModule module, ModuleClassLoader loader) {
        Map<String, BlockSpec> byName = new LinkedHashMap<>();
        for (String className : module.blockClasses()) {
            Class<?> type = load(className, loader);
            BlockSpec spec;
            try {
                if (!type.isAnnotationPresent(BlockType.class)) {
                    continue;
                }
                spec = BlockIntrospector.describe(moduleName, type);
            } catch (BlockDefinitionException e) {
                throw new InvalidModuleException(e.getMessage(), e);
            } catch (LinkageError | AnnotationFormatError | RuntimeException e) {
                // reading fields and methods resolves their types, which may be missing
                throw unusable(className, e);
            }
            BlockSpec earlier = byName.putIfAbsent(spec.name(), spec);
            if (earlier != null) {
                throw new InvalidModuleException(className + " and " + earlier.className() + " are both block type '"
                        + spec.name() + "': block type names must be unique within a module, rename one");
            }
        }
        if (byName.isEmpty()) {
            throw new InvalidModuleException(moduleName + ": no class carries @BlockType: a module needs at least"
                    + " one block class annotated @org.eegworkflow.sdk.BlockType");
        }
        return List.copyOf(byName.values());
    }

    /**
     * Instantiates the module's codecs: each concrete, named class among the candidates that implements
     * {@link ValueCodec}, through its public no-argument constructor. Candidates that merely use the interface,
     * and anonymous or abstract implementations, are skipped.
     *
     * @throws InvalidModuleException a codec class fails to load or to instantiate, or two codecs claim one type
     */
    public static List<ValueCodec> codecs(UnpackedModule module, ModuleClassLoader loader) {
        List<ValueCodec> codecs = new ArrayList<>();
        Map<String, String> classByType = new LinkedHashMap<>();
        for (String className : module.codecClasses()) {
            Class<?> type = load(className, loader);
            if (!ValueCodec.class.isAssignableFrom(type) || type.isInterface()
                    || Modifier.isAbstract(type.getModifiers()) || type.isAnonymousClass() || type.isLocalClass()) {
                continue;
            }
            ValueCodec codec = instantiate(type.asSubclass(ValueCodec.class));
            String codecType;
            try {
                codecType = codec.type();
            } catch (RuntimeException | LinkageError e) {
                throw new InvalidModuleException(className + ".type() failed: " + why(e), e);
            }
            if (codecType == null || codecType.isBlank()) {
                throw new InvalidModuleException(className + ".type() returns no type name: return the connector"
                        + " type the codec handles, for example \"Spectrum\"");
            }
            String earlier = classByType.putIfAbsent(codecType, className);
            if (earlier != null) {
                throw new InvalidModuleException(className + " and " + earlier + " are both codecs for type '"
                        + codecType + "': keep one");
            }
            codecs.add(codec);
        }
        return List.copyOf(codecs);
    }

    /** Loads without initialising, so no module code runs just because a class was looked at. */
    private static Class<?> load(String className, ModuleClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw unusable(className, e);
        }
    }

    private static ValueCodec instantiate(Class<? extends ValueCodec> type) {
        String name = type.getName();
        Constructor<? extends ValueCodec> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new InvalidModuleException(name + " implements ValueCodec but has no public no-argument"
                    + " constructor: make the class public (and static, if nested) with a public one", e);
        } catch (LinkageError | RuntimeException e) {
            throw unusable(name, e);
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new InvalidModuleException(name + " could not be created: its constructor threw "
                    + why(e.getCause()), e.getCause());
        } catch (IllegalAccessException e) {
            throw new InvalidModuleException(name + " implements ValueCodec but is not public: make it public", e);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw unusable(name, e);
        }
    }

    private static InvalidModuleException unusable(String className, Throwable e) {
        boolean missing = e instanceof NoClassDefFoundError || e instanceof ClassNotFoundException
                || e instanceof TypeNotPresentException;
        return new InvalidModuleException(className + " could not be loaded: " + why(e)
                + (missing ? "; " + VISIBILITY : ""), e);
    }

    private static String why(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
