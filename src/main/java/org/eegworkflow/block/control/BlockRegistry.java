package org.eegworkflow.block.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eegworkflow.sdk.BlockModule;
import org.eegworkflow.sdk.DatasetReader;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.ValueCodec;

/**
 * The block types the server knows, by module and name. Built-in modules are public and owned by no one; a module
 * registered twice under one name replaces the earlier one.
 */
@ApplicationScoped
public class BlockRegistry implements BlockCatalog {
    private final Map<String, Map<String, BlockSpec>> modules = new LinkedHashMap<>();
    private final Map<String, ValueCodec> codecs = new LinkedHashMap<>();
    private final List<DatasetReader> datasetReaders = new ArrayList<>();

    /**
     * Every {@link BlockModule} listed in a {@code META-INF/services/org.eegworkflow.sdk.BlockModule} the WAR's class
     * loader sees: the built-in ones (arithmetic, EEG, in {@code WEB-INF/classes}) and any packaged as a library. The
     * engine names no built-in module class, so a built-in module is written and found exactly as a lab's own.
     * The loader is the deployment's (this class's), not the thread's, whichever thread first touches the bean.
     */
    @PostConstruct
    public void registerBuiltIns() {
        for (BlockModule module : ServiceLoader.load(BlockModule.class, BlockRegistry.class.getClassLoader())) {
            register(module);
        }
    }

    /** Adds a module's block classes and the codecs of its own connector types. */
    public synchronized void register(BlockModule module) {
        register(module.name(), module.blockTypes());
        datasetReaders.addAll(module.datasetReaders());
        for (ValueCodec codec : module.codecs()) {
            ValueCodec earlier = codecs.putIfAbsent(codec.type(), codec);
            if (earlier != null && earlier.getClass() != codec.getClass()) {
                throw new BlockDefinitionException(codec.getClass().getName() + ": type '" + codec.type()
                        + "' already has the codec " + earlier.getClass().getName() + ": give the type another name");
            }
        }
    }

    /** The dataset readers of the registered modules, in registration order. */
    public synchronized List<DatasetReader> datasetReaders() {
        return List.copyOf(datasetReaders);
    }

    /** The codec of a connector type: the SDK's own, or one a built-in or packaged module provides. */
    @Override
    public synchronized Optional<ValueCodec> codec(String type) {
        Optional<ValueCodec> standard = StandardCodecs.forType(type);
        return standard.isPresent() ? standard : Optional.ofNullable(codecs.get(type));
    }

    /** Adds a module of block classes; every class is checked against the SDK contract first. */
    public synchronized void register(String module, List<Class<?>> classes) {
        Map<String, BlockSpec> types = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            BlockSpec spec = BlockIntrospector.describe(module, type);
            if (types.put(spec.name(), spec) != null) {
                throw new BlockDefinitionException(type.getName() + ": module " + module
                        + " already has a block type named '" + spec.name() + "': rename one");
            }
        }
        modules.put(module, Collections.unmodifiableMap(types));
    }

    @Override
    public synchronized boolean hasModule(String module) {
        return modules.containsKey(module);
    }

    @Override
    public synchronized Optional<BlockSpec> find(String module, String type) {
        Map<String, BlockSpec> types = modules.get(module);
        return types == null ? Optional.empty() : Optional.ofNullable(types.get(type));
    }

    /** Every block type, module by module, in registration order. */
    public synchronized List<BlockSpec> all() {
        return modules.values().stream().map(Map::values).flatMap(Collection::stream).toList();
    }
}
