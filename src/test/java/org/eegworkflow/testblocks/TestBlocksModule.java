package org.eegworkflow.testblocks;

import java.util.List;

import org.eegworkflow.sdk.BlockModule;
import org.eegworkflow.sdk.ValueCodec;

/** Blocks that only tests need: slow, stubborn, flaky and busy ones. Packaged into the test WAR as a library. */
public class TestBlocksModule implements BlockModule {
    public static final String NAME = "TestBlocks.jar:TestBlocks";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Class<?>> blockTypes() {
        return List.of(Sleep.class, Stubborn.class, Flaky.class, Busy.class, SlowOnce.class, Tabulate.class,
                WriteFile.class, FileSize.class, FlakyRecording.class, SlowOnceRecording.class, Gate.class, Echo.class,
                Throw.class, Poison.class, Hungry.class, Enormous.class, Split.class, FlakyOn.class, Total.class,
                Keyed.class, Scale.class, Wave.class, Mean.class, Dataset.class, Glutton.class);
    }

    @Override
    public List<ValueCodec> codecs() {
        return List.of(new Poison.Codec(), new Wave.Codec());
    }
}
