package org.eegworkflow.testblocks;

import java.util.ArrayList;
import java.util.List;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/**
 * Declares little heap and fills far more, 8 MB at a time, each page touched: a block over its memory, as a worker's
 * JVM (its heap capped at what the block declares) or a scheduler's memory limit catches it.
 */
@BlockType(name = "Glutton", family = "Test", cacheable = false, memoryMb = 64)
public class Glutton {
    @BlockProperty(name = "mb", type = Types.NUMBER, defaultValue = "1024")
    double mb;

    @BlockOutput(name = "out", type = Types.NUMBER)
    double out;

    @BlockExecute
    public void execute() {
        List<byte[]> kept = new ArrayList<>();
        for (int held = 0; held < mb; held += 8) {
            byte[] chunk = new byte[8 << 20];
            for (int i = 0; i < chunk.length; i += 4096) {
                chunk[i] = 1;
            }
            kept.add(chunk);
        }
        out = kept.size() * 8;
    }
}
