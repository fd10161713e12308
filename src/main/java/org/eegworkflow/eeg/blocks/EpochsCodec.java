package org.eegworkflow.eeg.blocks;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.classify.ArrayIo;
import org.eegworkflow.eeg.data.ChannelInfo;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EpochWindows;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.sdk.Samples;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.ValueCodec;

/**
 * Checkpoints {@code Epochs} values (epochs and averages): epochs as windows of their recording (its handle, each
 * epoch's first sample and baseline means), other samples in a file as a handle to it, small ones held in memory as
 * raw IEEE doubles.
 */
public class EpochsCodec implements ValueCodec {

    @Override
    public String type() {
        return EegTypes.EPOCHS;
    }

    @Override
    public void write(Object value, DataOutput out) throws IOException {
        Epochs epochs = (Epochs) value;
        StandardCodecs.writeString(out, epochs.source());
        out.writeDouble(epochs.samplingRate());
        ArrayIo.writeStrings(out, epochs.channelNames());
        ArrayIo.writeStrings(out, epochs.channelKinds().stream().map(Enum::name).toList());
        ArrayIo.writeDoubles(out, epochs.times());
        if (epochs.samples() instanceof EpochWindows windows) {
            // windows of a recording: the recording's handle, where each epoch starts and its baseline means
            out.writeByte(1);
            StandardCodecs.writeSamples(out, windows.recording());
            ArrayIo.writeInts(out, windows.firstSamples());
            out.writeInt(windows.timeCount());
            boolean[] corrected = windows.corrected();
            out.writeInt(corrected.length);
            for (boolean c : corrected) {
                out.writeBoolean(c);
            }
            ArrayIo.writeDoubles(out, windows.means());
        } else {
            out.writeByte(0);
            StandardCodecs.writeSamples(out, epochs.samples());
        }
        ArrayIo.writeInts(out, epochs.eventSamples());
        ArrayIo.writeInts(out, epochs.eventIds());
        out.writeInt(epochs.idsByDescription().size());
        for (Map.Entry<String, Integer> id : epochs.idsByDescription().entrySet()) {
            StandardCodecs.writeString(out, id.getKey());
            out.writeInt(id.getValue());
        }
        out.writeBoolean(epochs.averaged());
        out.writeInt(epochs.nave());
        ChannelInfoIo.write(out, epochs.info());
        StandardCodecs.writeString(out, epochs.condition());
    }

    @Override
    public Object read(DataInput in) throws IOException {
        String source = StandardCodecs.readString(in);
        double rate = in.readDouble();
        List<String> names = ArrayIo.readStrings(in);
        List<ChannelKind> kinds = ArrayIo.readStrings(in).stream().map(ChannelKind::valueOf).toList();
        double[] times = ArrayIo.readDoubles(in);
        Samples data;
        byte kind = in.readByte();
        if (kind == 1) {
            Samples recording = StandardCodecs.readSamples(in);
            int[] firsts = ArrayIo.readInts(in);
            int timeCount = in.readInt();
            boolean[] corrected = new boolean[ArrayIo.readLength(in)];
            for (int c = 0; c < corrected.length; c++) {
                corrected[c] = in.readBoolean();
            }
            double[] means = ArrayIo.readDoubles(in);
            data = new EpochWindows(recording, firsts, timeCount, corrected, means);
        } else if (kind == 0) {
            data = StandardCodecs.readSamples(in);
        } else {
            throw new IOException("unknown kind of epoch samples " + kind);
        }
        int[] samples = ArrayIo.readInts(in);
        int[] ids = ArrayIo.readInts(in);
        int n = ArrayIo.readLength(in);
        Map<String, Integer> idsByDescription = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            idsByDescription.put(StandardCodecs.readString(in), in.readInt());
        }
        boolean averaged = in.readBoolean();
        int nave = in.readInt();
        ChannelInfo info = ChannelInfoIo.read(in);
        String condition = StandardCodecs.readString(in);
        return new Epochs(source, rate, names, kinds, times, data, samples, ids, idsByDescription, averaged, nave,
                info, condition);
    }
}
