package org.eegworkflow.eeg.blocks;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eegworkflow.eeg.classify.ArrayIo;
import org.eegworkflow.eeg.data.ChannelInfo;
import org.eegworkflow.sdk.StandardCodecs;

/**
 * The {@link ChannelInfo} part of the EEGData and Epochs records: positions as name and three doubles, then the bad
 * channels. Records written before positions existed are not read: checkpoints and cached results are keyed by the
 * build, so a new build never meets them.
 */
final class ChannelInfoIo {
    private ChannelInfoIo() {
    }

    static void write(DataOutput out, ChannelInfo info) throws IOException {
        out.writeInt(info.positions().size());
        for (Map.Entry<String, double[]> position : info.positions().entrySet()) {
            StandardCodecs.writeString(out, position.getKey());
            for (double v : position.getValue()) {
                out.writeDouble(v);
            }
        }
        ArrayIo.writeStrings(out, info.bads());
    }

    static ChannelInfo read(DataInput in) throws IOException {
        int n = ArrayIo.readLength(in);
        Map<String, double[]> positions = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            positions.put(StandardCodecs.readString(in), new double[] {in.readDouble(), in.readDouble(),
                in.readDouble()});
        }
        var bads = ArrayIo.readStrings(in);
        return n == 0 && bads.isEmpty() ? ChannelInfo.NONE : new ChannelInfo(positions, bads);
    }
}
