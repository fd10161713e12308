package org.eegworkflow.eeg.blocks;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eegworkflow.eeg.classify.ArrayIo;
import org.eegworkflow.eeg.data.Annotation;
import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.data.RecordingFormat;
import org.eegworkflow.sdk.Samples;
import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.ValueCodec;

/**
 * Checkpoints {@code EEGData} values: the metadata, and the samples as a handle to their file (the value is its own
 * checkpoint), or as raw IEEE doubles for a small recording held in memory (nothing is rounded).
 */
public class EegDataCodec implements ValueCodec {

    @Override
    public String type() {
        return EegTypes.EEG_DATA;
    }

    @Override
    public void write(Object value, DataOutput out) throws IOException {
        EegData data = (EegData) value;
        StandardCodecs.writeString(out, data.source());
        out.writeUTF(data.format().name());
        out.writeDouble(data.samplingRate());
        ArrayIo.writeStrings(out, data.channelNames());
        ArrayIo.writeStrings(out, data.channelKinds().stream().map(Enum::name).toList());
        StandardCodecs.writeSamples(out, data.samples());
        out.writeInt(data.annotations().size());
        for (Annotation annotation : data.annotations()) {
            out.writeDouble(annotation.onset());
            out.writeDouble(annotation.duration());
            StandardCodecs.writeString(out, annotation.description());
        }
        ChannelInfoIo.write(out, data.info());
    }

    @Override
    public Object read(DataInput in) throws IOException {
        String source = StandardCodecs.readString(in);
        RecordingFormat format = RecordingFormat.valueOf(in.readUTF());
        double rate = in.readDouble();
        List<String> names = ArrayIo.readStrings(in);
        List<ChannelKind> kinds = ArrayIo.readStrings(in).stream().map(ChannelKind::valueOf).toList();
        Samples data = StandardCodecs.readSamples(in);
        int n = ArrayIo.readLength(in);
        List<Annotation> annotations = new ArrayList<>(Math.min(n, 4096));
        for (int i = 0; i < n; i++) {
            annotations.add(new Annotation(in.readDouble(), in.readDouble(), StandardCodecs.readString(in)));
        }
        return new EegData(source, format, rate, names, kinds, data, annotations, ChannelInfoIo.read(in));
    }
}
