package org.eegworkflow.eeg.blocks;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eegworkflow.eeg.classify.ArrayIo;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.sdk.Samples;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.ValueCodec;

/**
 * Checkpoints {@code Epochs} values (epochs and averages): samples in a file as a handle to it, small ones held in
 * memory as raw IEEE doubles.
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
        StandardCodecs.writeSamples(out, epochs.samples());
        ArrayIo.writeInts(out, epochs.eventSamples());
        ArrayIo.writeInts(out, epochs.eventIds());
        out.writeInt(epochs.idsByDescription().size());
        for (Map.Entry<String, Integer> id : epochs.idsByDescription().entrySet()) {
            StandardCodecs.writeString(out, id.getKey());
            out.writeInt(id.getValue());
        }
        out.writeBoolean(epochs.averaged());
        out.writeInt(epochs.nave());
    }

    @Override
    public Object read(DataInput in) throws IOException {
        String source = StandardCodecs.readString(in);
        double rate = in.readDouble();
        List<String> names = ArrayIo.readStrings(in);
        List<ChannelKind> kinds = ArrayIo.readStrings(in).stream().map(ChannelKind::valueOf).toList();
        double[] times = ArrayIo.readDoubles(in);
        Samples data = StandardCodecs.readSamples(in);
        int[] samples = ArrayIo.readInts(in);
        int[] ids = ArrayIo.readInts(in);
        int n = ArrayIo.readLength(in);
        Map<String, Integer> idsByDescription = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            idsByDescription.put(StandardCodecs.readString(in), in.readInt());
        }
        boolean averaged = in.readBoolean();
        int nave = in.readInt();
        return new Epochs(source, rate, names, kinds, times, data, samples, ids, idsByDescription, averaged, nave);
    }
}
