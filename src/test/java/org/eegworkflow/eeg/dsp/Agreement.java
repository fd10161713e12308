package org.eegworkflow.eeg.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares values with MNE-Python's: each must agree within a relative tolerance, or within an absolute floor where
 * the reference is near zero (there a relative error means nothing). Remembers the worst relative error seen among
 * values above the floor, for the record.
 */
final class Agreement {
    private final String what;
    private final double relative;
    private final double floor;
    private double worstRelative;
    private double worstAbsolute;
    private long compared;

    Agreement(String what, double relative, double floor) {
        this.what = what;
        this.relative = relative;
        this.floor = floor;
    }

    void check(String where, double expected, double actual) {
        compared++;
        double diff = Math.abs(actual - expected);
        if (!(diff <= floor || diff <= relative * Math.abs(expected))) {
            fail(what + " " + where + ": expected " + expected + " but was " + actual + " (relative error "
                    + diff / Math.abs(expected) + ")");
        }
        worstAbsolute = Math.max(worstAbsolute, diff);
        if (Math.abs(expected) > floor / relative) {
            worstRelative = Math.max(worstRelative, diff / Math.abs(expected));
        }
    }

    void check(String where, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + " " + where + ": length");
        for (int i = 0; i < expected.length; i++) {
            check(where + "[" + i + "]", expected[i], actual[i]);
        }
    }

    double worstRelative() {
        return worstRelative;
    }

    /** One line for the test output, so that the measured agreement is on record. */
    void report() {
        System.out.printf("AGREEMENT %-45s %9d values, max relative error %.3g, max absolute %.3g%n", what,
                compared, worstRelative, worstAbsolute);
    }
}
