package org.eegworkflow.block.control;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * A block type as the engine sees it: what the annotations of one class declare.
 *
 * @param memoryMb  the heap one run needs at its peak, as {@code @BlockType(memoryMb)} declares it; 0 when not declared
 * @param cacheable whether an earlier result may be reused ({@code @BlockType(cacheable)}, default true)
 */
public record BlockSpec(String module, String name, String family, String description, Constructor<?> constructor,
                        List<PortSpec> inputs, List<PortSpec> outputs, List<PropertySpec> properties,
                        Method execute, boolean takesContext, int memoryMb, boolean cacheable) {

    public Optional<PortSpec> input(String connector) {
        return inputs.stream().filter(p -> p.name().equals(connector)).findFirst();
    }

    public Optional<PortSpec> output(String connector) {
        return outputs.stream().filter(p -> p.name().equals(connector)).findFirst();
    }

    public Optional<PropertySpec> property(String propertyName) {
        return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
    }

    public String className() {
        return constructor.getDeclaringClass().getName();
    }
}
