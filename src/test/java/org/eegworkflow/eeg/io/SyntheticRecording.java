package org.eegworkflow.eeg.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Writes a BrainVision recording of any size for benchmarks and memory checks (one hour of 64 channels, say), block
 * by block so that writing it needs no memory: INT_16 multiplexed at 0.1 µV per bit, a 10 Hz sine plus a
 * channel-dependent offset, and a stimulus marker {@code S  1} every two seconds.
 */
final class SyntheticRecording {
    private SyntheticRecording() {
    }

    /** Writes {@code name.vhdr}, {@code name.vmrk} and {@code name.eeg} into {@code folder}; returns the header. */
    static Path writeBrainVision(Path folder, String name, int channels, int samplingRate, int seconds)
            throws IOException {
        long samples = (long) samplingRate * seconds;
        StringBuilder header = new StringBuilder("Brain Vision Data Exchange Header File Version 1.0\n\n"
                + "[Common Infos]\nCodepage=UTF-8\nDataFile=" + name + ".eeg\nMarkerFile=" + name + ".vmrk\n"
                + "DataFormat=BINARY\nDataOrientation=MULTIPLEXED\nNumberOfChannels=" + channels + "\n"
                + "SamplingInterval=" + 1e6 / samplingRate + "\n\n[Binary Infos]\nBinaryFormat=INT_16\n\n"
                + "[Channel Infos]\n");
        for (int c = 1; c <= channels; c++) {
            header.append("Ch").append(c).append("=E").append(c).append(",,0.1,\u00b5V\n");
        }
        Files.writeString(folder.resolve(name + ".vhdr"), header);

        StringBuilder markers = new StringBuilder("Brain Vision Data Exchange Marker File, Version 1.0\n\n"
                + "[Common Infos]\nCodepage=UTF-8\nDataFile=" + name + ".eeg\n\n[Marker Infos]\n"
                + "Mk1=New Segment,,1,1,0\n");
        int marker = 2;
        for (long position = samplingRate; position < samples; position += 2L * samplingRate) {
            markers.append(String.format(Locale.ROOT, "Mk%d=Stimulus,S  1,%d,1,0%n", marker++, position + 1));
        }
        Files.writeString(folder.resolve(name + ".vmrk"), markers);

        int framesPerBlock = 4096;
        ByteBuffer block = ByteBuffer.allocate(framesPerBlock * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel out = FileChannel.open(folder.resolve(name + ".eeg"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long s = 0; s < samples; ) {
                block.clear();
                for (int f = 0; f < framesPerBlock && s < samples; f++, s++) {
                    short sine = (short) Math.round(500 * Math.sin(2 * Math.PI * 10 * s / samplingRate));
                    for (int c = 0; c < channels; c++) {
                        block.putShort((short) (sine + 10 * c));
                    }
                }
                block.flip();
                while (block.hasRemaining()) {
                    out.write(block);
                }
            }
        }
        return folder.resolve(name + ".vhdr");
    }
}
