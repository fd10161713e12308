package org.eegworkflow.module.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Finds the SDK names a class file mentions by searching its bytes as they stream past. Nothing is parsed or loaded:
 * a module's code must not run, nor its classes be defined, before the archive is accepted.
 */
final class ClassFileScan {
    /** The annotation's descriptor, which a class annotated with it carries in its constant pool. */
    private static final String BLOCK_TYPE = "Lorg/eegworkflow/sdk/BlockType;";
    /** The interface's internal name, which an implementing class carries in its constant pool. */
    private static final String VALUE_CODEC = "org/eegworkflow/sdk/ValueCodec";

    private final Needle blockType = new Needle(BLOCK_TYPE);
    private final Needle valueCodec = new Needle(VALUE_CODEC);

    private ClassFileScan() {
    }

    /** Reads a class file to its end. */
    static ClassFileScan of(InputStream classFile) throws IOException {
        ClassFileScan scan = new ClassFileScan();
        byte[] buffer = new byte[8192];
        for (int n; (n = classFile.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++) {
                scan.blockType.next(buffer[i]);
                scan.valueCodec.next(buffer[i]);
            }
        }
        return scan;
    }

    boolean mentionsBlockType() {
        return blockType.found;
    }

    boolean mentionsValueCodec() {
        return valueCodec.found;
    }

    /** Knuth-Morris-Pratt matching, so a name split across two reads is still found. */
    private static final class Needle {
        private final byte[] pattern;
        private final int[] fallback;
        private int matched;
        private boolean found;

        Needle(String text) {
            pattern = text.getBytes(StandardCharsets.US_ASCII);
            fallback = new int[pattern.length];
            for (int i = 1, k = 0; i < pattern.length; i++) {
                while (k > 0 && pattern[i] != pattern[k]) {
                    k = fallback[k - 1];
                }
                if (pattern[i] == pattern[k]) {
                    k++;
                }
                fallback[i] = k;
            }
        }

        void next(byte b) {
            if (found) {
                return;
            }
            while (matched > 0 && b != pattern[matched]) {
                matched = fallback[matched - 1];
            }
            if (b == pattern[matched]) {
                matched++;
            }
            if (matched == pattern.length) {
                found = true;
            }
        }
    }
}
