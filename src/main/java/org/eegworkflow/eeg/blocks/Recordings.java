package org.eegworkflow.eeg.blocks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.io.BrainVisionReader;
import org.eegworkflow.eeg.io.EdfReader;
import org.eegworkflow.eeg.io.EeglabReader;
import org.eegworkflow.sdk.BlockContext;

/** Opens a recording a user picked from their data files, whichever of its files they picked. */
final class Recordings {
    private Recordings() {
    }

    /**
     * Reads a BrainVision recording from its {@code .vhdr}, or from its {@code .vmrk} or data file when the header
     * beside it has the same base name (the old system accepted any of the three), an EDF/EDF+/BDF file, or an
     * EEGLAB {@code .set} (with its {@code .fdt} beside it).
     */
    static EegData open(Path file, String property, BlockContext context) {
        if (file == null) {
            throw new IllegalArgumentException("property '" + property + "' is empty: pick a recording from your data"
                    + " files (a BrainVision .vhdr, .edf/.bdf or an EEGLAB .set)");
        }
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".edf") || lower.endsWith(".bdf")) {
            return EdfReader.read(file, context::log, context::newSamples);
        }
        if (lower.endsWith(".set")) {
            return EeglabReader.read(file, context::log, context::newSamples);
        }
        Path header = file;
        if (!lower.endsWith(".vhdr")) {
            int dot = name.lastIndexOf('.');
            header = file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".vhdr");
            if (!Files.isRegularFile(header)) {
                throw new IllegalArgumentException("property '" + property + "': " + name + " is not a .vhdr, .edf, .bdf"
                        + " or .set file, and there is no " + header.getFileName() + " beside it: upload the recording's"
                        + " .vhdr, .vmrk and data file together and pick the .vhdr");
            }
        }
        return BrainVisionReader.read(header, context::log, context::newSamples);
    }

    /** One line a researcher can check at a glance. */
    static String describe(EegData data) {
        int eeg = data.channelsOfKind(ChannelKind.EEG).length;
        int misc = data.channelCount() - eeg;
        return String.format(Locale.ROOT, "%s: %d channels (%d EEG%s), %d samples at %s Hz (%.2f s), %d markers",
                data.source(), data.channelCount(), eeg, misc > 0 ? ", " + misc + " misc" : "", data.sampleCount(),
                number(data.samplingRate()), data.sampleCount() / data.samplingRate(), data.annotations().size());
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
