package org.eegworkflow.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.BufferedOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Makes a long EDF+ recording out of a short real one by repeating its data records: the header is copied with the
 * new record count, and every "EDF Annotations" record is rewritten with its time-keeping stamp and annotation onsets
 * shifted by the copy's start, so the result is a valid continuous EDF+ file whose events keep coming. The joins are
 * discontinuities in the signal, which a benchmark does not mind.
 */
public final class EdfTiler {
    private static final byte TAL_ONSET_END = 0x15;
    private static final byte TAL_FIELD_END = 0x14;

    private EdfTiler() {
    }

    /**
     * Writes {@code copies} copies of {@code source} one after another into {@code target} (replacing it), unless
     * {@code target} already exists with the expected size.
     *
     * @return the target
     */
    public static Path tile(Path source, Path target, int copies) throws IOException {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1, not " + copies);
        }
        byte[] file = Files.readAllBytes(source);
        int signals = intField(file, 252, 4, source, "number of signals");
        int headerBytes = 256 * (signals + 1);
        int records = intField(file, 236, 8, source, "number of data records");
        BigDecimal recordSeconds = new BigDecimal(field(file, 244, 8).trim());
        int samplesBase = 256 + signals * (16 + 80 + 8 + 8 + 8 + 8 + 8 + 80);
        int[] samples = new int[signals];
        List<int[]> annotationSpans = new ArrayList<>();
        int recordBytes = 0;
        for (int s = 0; s < signals; s++) {
            samples[s] = intField(file, samplesBase + s * 8, 8, source, "samples per record of signal " + (s + 1));
            if (field(file, 256 + s * 16, 16).trim().equals("EDF Annotations")) {
                annotationSpans.add(new int[] {recordBytes, samples[s] * 2});
            }
            recordBytes += samples[s] * 2;
        }
        if (annotationSpans.isEmpty()) {
            throw new IllegalArgumentException(source + " has no 'EDF Annotations' signal: it is not EDF+");
        }
        if ((long) headerBytes + (long) records * recordBytes > file.length) {
            throw new IllegalArgumentException(source + " is shorter than its header says (" + records + " records of "
                    + recordBytes + " bytes)");
        }
        long expectedSize = headerBytes + (long) copies * records * recordBytes;
        if (Files.isRegularFile(target) && Files.size(target) == expectedSize
                && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(source)) >= 0) {
            return target;
        }

        byte[] header = Arrays.copyOf(file, headerBytes);
        putField(header, 236, 8, Integer.toString(records * copies));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        byte[] record = new byte[recordBytes];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            out.write(header);
            for (int c = 0; c < copies; c++) {
                BigDecimal shift = recordSeconds.multiply(BigDecimal.valueOf((long) c * records));
                for (int r = 0; r < records; r++) {
                    System.arraycopy(file, headerBytes + r * recordBytes, record, 0, recordBytes);
                    if (c > 0) {
                        for (int[] span : annotationSpans) {
                            shiftTals(record, span[0], span[1], shift, source, r);
                        }
                    }
                    out.write(record);
                }
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Rewrites the TALs in record[from, from + length) with every onset moved by {@code shift} seconds. */
    private static void shiftTals(byte[] record, int from, int length, BigDecimal shift, Path source, int recordIndex) {
        byte[] rewritten = new byte[length];
        int w = 0;
        int p = from;
        int end = from + length;
        while (p < end && record[p] != 0) {
            int talEnd = p;
            while (talEnd < end && record[talEnd] != 0) {
                talEnd++;
            }
            // onset runs from '+'/'-' up to the first 0x15 (duration follows) or 0x14 (annotations follow)
            int onsetEnd = p;
            while (onsetEnd < talEnd && record[onsetEnd] != TAL_ONSET_END && record[onsetEnd] != TAL_FIELD_END) {
                onsetEnd++;
            }
            String onset = new String(record, p, onsetEnd - p, StandardCharsets.US_ASCII);
            BigDecimal moved = new BigDecimal(onset.startsWith("+") ? onset.substring(1) : onset).add(shift);
            byte[] newOnset = ((moved.signum() >= 0 ? "+" : "") + moved.toPlainString())
                    .getBytes(StandardCharsets.US_ASCII);
            int rest = talEnd - onsetEnd;
            if (w + newOnset.length + rest + 1 > length) {
                throw new IllegalStateException("the shifted annotations of record " + recordIndex + " of " + source
                        + " no longer fit in its " + length + " bytes");
            }
            System.arraycopy(newOnset, 0, rewritten, w, newOnset.length);
            w += newOnset.length;
            System.arraycopy(record, onsetEnd, rewritten, w, rest);
            w += rest;
            rewritten[w++] = 0;
            p = talEnd + 1;
        }
        System.arraycopy(rewritten, 0, record, from, length);
    }

    private static String field(byte[] file, int offset, int width) {
        return new String(file, offset, width, StandardCharsets.US_ASCII);
    }

    private static int intField(byte[] file, int offset, int width, Path source, String what) {
        String text = field(file, offset, width).trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": the header's " + what + " is '" + text
                    + "', not a whole number", e);
        }
    }

    private static void putField(byte[] header, int offset, int width, String value) {
        String padded = String.format(Locale.ROOT, "%-" + width + "s", value);
        if (padded.length() != width) {
            throw new IllegalArgumentException("'" + value + "' does not fit in " + width + " header characters");
        }
        System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, header, offset, width);
    }
}
