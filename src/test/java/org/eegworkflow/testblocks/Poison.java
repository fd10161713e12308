package org.eegworkflow.testblocks;

import java.io.DataInput;
import java.io.DataOutput;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.ValueCodec;

/**
 * Completes, with an output whose codec throws the failure its property names when the engine checkpoints it: an
 * Error on the batch thread, after the block itself is done.
 */
@BlockType(name = "Poison", family = "Test")
public class Poison {
    public static final String TYPE = "TEST_POISON";

    @BlockProperty(name = "failure", type = "STRING", defaultValue = "OOM_THROWN")
    String failure;

    @BlockOutput(name = "out", type = TYPE)
    Value out;

    @BlockExecute
    public void execute() {
        out = new Value(Failure.valueOf(failure));
    }

    /** The poisoned value: which failure its codec throws. */
    public record Value(Failure failure) {
    }

    /** Throws the value's failure instead of writing it. */
    public static final class Codec implements ValueCodec {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void write(Object value, DataOutput out) {
            ((Value) value).failure().raise();
        }

        @Override
        public Object read(DataInput in) {
            throw new IllegalStateException("a poisoned value is never written");
        }
    }
}
