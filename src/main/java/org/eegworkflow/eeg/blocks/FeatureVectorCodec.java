package org.eegworkflow.eeg.blocks;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.util.List;

import org.eegworkflow.eeg.classify.ArrayIo;
import org.eegworkflow.eeg.data.FeatureVectors;
import org.eegworkflow.sdk.ValueCodec;

/**
 * Checkpoints values of connector type {@code FeatureVector} ({@link FeatureVectors}). Format, big-endian: int32
 * version (1), int32 vectors, int32 features per vector, each vector as {@link ArrayIo#writeDoubles} (length, then
 * the doubles in bulk), then the event ids and labels as int arrays and the class names as a string list.
 */
public class FeatureVectorCodec implements ValueCodec {
    /** The connector type name. */
    public static final String TYPE = "FeatureVector";
    /** 2 adds each vector's group (subject) after the class names; version 1 records (no groups) still read. */
    private static final int VERSION = 2;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void write(Object value, DataOutput out) throws IOException {
        FeatureVectors vectors = (FeatureVectors) value;
        out.writeInt(VERSION);
        out.writeInt(vectors.count());
        out.writeInt(vectors.width());
        for (double[] row : vectors.features()) {
            ArrayIo.writeDoubles(out, row);
        }
        ArrayIo.writeInts(out, vectors.eventIds());
        ArrayIo.writeInts(out, vectors.labels());
        ArrayIo.writeStrings(out, vectors.classNames());
        ArrayIo.writeStrings(out, vectors.groups());
    }

    @Override
    public Object read(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != VERSION && version != 1) {
            throw new StreamCorruptedException("feature vectors in format version " + version + "; this server reads"
                    + " version " + VERSION);
        }
        int count = in.readInt();
        int width = in.readInt();
        if (count < 0 || width < 0 || count > ArrayIo.MAX_LENGTH) {
            throw new StreamCorruptedException("feature vectors claim " + count + " x " + width + " features");
        }
        double[][] features = new double[Math.min(count, 1 << 16)][];
        for (int i = 0; i < count; i++) {
            double[] row = ArrayIo.readDoubles(in);
            if (row.length != width) {
                throw new StreamCorruptedException("feature vector " + i + " has " + row.length + " features, not "
                        + width);
            }
            if (i == features.length) {
                features = java.util.Arrays.copyOf(features, (int) Math.min(count, 2L * features.length));
            }
            features[i] = row;
        }
        int[] eventIds = ArrayIo.readInts(in);
        int[] labels = ArrayIo.readInts(in);
        List<String> classNames = ArrayIo.readStrings(in);
        List<String> groups = version >= 2 ? ArrayIo.readStrings(in) : List.of();
        try {
            return new FeatureVectors(java.util.Arrays.copyOf(features, Math.max(0, count)), eventIds, labels,
                    classNames, groups);
        } catch (IllegalArgumentException e) {
            throw new StreamCorruptedException("feature vectors do not fit together: " + e.getMessage());
        }
    }
}
