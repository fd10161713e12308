package org.eegworkflow.sdk;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes and reads the values of one connector type, so the engine can checkpoint a finished block's outputs in the
 * job's folder and a restarted job need not run that block again. {@link StandardCodecs} covers the SDK's types;
 * a module adds one for each type of its own. A value without a codec is not checkpointed: after a restart the block
 * that produced it runs again.
 */
public interface ValueCodec {

    /** The connector type this codec handles, for example {@code "NUMBER"}. */
    String type();

    /** Writes one value; the engine only passes values the block produced on a connector of {@link #type()}. */
    void write(Object value, DataOutput out) throws IOException;

    /** Reads back a value written by {@link #write}. */
    Object read(DataInput in) throws IOException;
}
