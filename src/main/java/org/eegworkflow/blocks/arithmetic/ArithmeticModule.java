package org.eegworkflow.blocks.arithmetic;

import java.util.List;

import org.eegworkflow.sdk.BlockModule;

/**
 * The arithmetic module as the server finds it: listed in {@code META-INF/services/org.eegworkflow.sdk.BlockModule}
 * like any module packaged into the WAR, so the engine names none of its classes.
 */
public class ArithmeticModule implements BlockModule {
    /** The old system's archive and module name, which its workflows refer to. */
    public static final String NAME = "Arithmetic.zip:Arithmetic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Class<?>> blockTypes() {
        return List.of(Constant.class, Addition.class, Subtraction.class, Multiplication.class, Division.class,
                Plot.class);
    }
}
