package org.eegworkflow.eeg.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.eegworkflow.eeg.EegTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Randomly damaged copies of the real recordings (fixed seeds, so failures repeat): each one is either read or refused
 * with an {@link EegFormatException}, never another exception, an out-of-memory error or a hang.
 */
class DamagedFilesTest {
    private static final String BV = "bv_export_bv_txt_bin_multi_16bit";

    @TempDir
    Path tmp;

    @Test
    void damagedBrainVisionFiles() throws IOException {
        Path dir = EegTestData.file("brainvision-eeguana");
        byte[] vhdr = Files.readAllBytes(dir.resolve(BV + ".vhdr"));
        byte[] vmrk = Files.readAllBytes(dir.resolve(BV + ".vmrk"));
        byte[] dat = Files.readAllBytes(dir.resolve(BV + ".dat"));
        Random random = new Random(20240601);
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            int target = i % 3;
            Files.write(tmp.resolve(BV + ".vhdr"), target == 0 ? damageText(vhdr, random) : vhdr);
            Files.write(tmp.resolve(BV + ".vmrk"), target == 1 ? damageText(vmrk, random) : vmrk);
            Files.write(tmp.resolve(BV + ".dat"), target == 2 ? damageBinary(dat, random) : dat);
            refused += readOrRefuse(() -> EventMapping.fromAnnotations(
                    BrainVisionReader.read(tmp.resolve(BV + ".vhdr"), w -> { })), "BrainVision case " + i);
        }
        assertTrue(refused > 50, refused + " refused");
    }

    @Test
    void damagedEdfFiles() throws IOException {
        byte[] edf = Files.readAllBytes(EegTestData.file("brainvision-eeguana/bv_export_edf+.edf"));
        Random random = new Random(20240602);
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            byte[] copy;
            if (i % 3 == 0) {
                copy = Arrays.copyOf(edf, random.nextInt(edf.length + 100));
            } else {
                copy = edf.clone();
                for (int k = random.nextInt(3); k >= 0; k--) {
                    // mostly the header and the annotation lists, where a damaged byte changes the meaning
                    int at = random.nextBoolean() ? random.nextInt(9216) : random.nextInt(copy.length);
                    copy[at] = (byte) "0123456789-. +eE\u0014\u0015\0x".charAt(random.nextInt(20));
                }
            }
            Files.write(tmp.resolve("copy.edf"), copy);
            refused += readOrRefuse(() -> EventMapping.fromAnnotations(EdfReader.read(tmp.resolve("copy.edf"),
                    w -> { })), "EDF case " + i);
        }
        assertTrue(refused > 50, refused + " refused");
    }

    private static int readOrRefuse(Runnable read, String what) {
        try {
            read.run();
            return 0;
        } catch (EegFormatException e) {
            assertTrue(e.getMessage().length() > 20, what + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            // EventMapping: every marker was marked bad
            assertTrue(e.getMessage().contains("bad or edge"), what + ": " + e);
            return 0;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": " + e, e);
        }
    }

    /** Deletes a line, changes a character, or inserts a minus sign or a huge number somewhere in a text file. */
    private static byte[] damageText(byte[] bytes, Random random) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = random.nextInt(text.length());
        switch (random.nextInt(5)) {
            case 0 -> {
                int start = text.lastIndexOf('\n', at) + 1;
                int end = text.indexOf('\n', at);
                text = text.substring(0, start) + text.substring(end < 0 ? text.length() : end);
            }
            case 1 -> text = text.substring(0, at) + "0123456789,-.=\\[]x".charAt(random.nextInt(18))
                    + text.substring(at + 1);
            case 2 -> text = text.substring(0, at) + "-" + text.substring(at);
            case 3 -> text = text.substring(0, at) + "99999999999" + text.substring(at);
            default -> text = text.substring(0, at) + text.substring(Math.min(text.length(), at + random.nextInt(30)));
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] damageBinary(byte[] bytes, Random random) {
        return Arrays.copyOf(bytes, random.nextInt(bytes.length + 100));
    }
}
