package org.eegworkflow.eeg.io;

import java.util.List;

/**
 * A MATLAB value as the EEGLAB reader needs it, whichever library read it (MFL for MAT v5/v7, jHDF for v7.3): the
 * reader then has one path for both, and never touches a library's own types, whose casts and exceptions would
 * otherwise escape as ClassCastExceptions on a damaged file.
 */
sealed interface MatValue {

    /**
     * A numeric or logical matrix, {@code rows x columns}, read lazily in MATLAB's column-major order: the samples of
     * an embedded recording are copied a block at a time, never all at once.
     */
    record Numbers(int rows, long columns, boolean integral, NumberSource source) implements MatValue {
        long count() {
            return rows * columns;
        }

        /** The first value; callers check {@link #count()} first. */
        double first() {
            double[] one = new double[1];
            source.read(0, 1, one);
            return one[0];
        }
    }

    /** A char array as text (EEGLAB's labels, types and file names are single rows). */
    record Text(String text) implements MatValue {
    }

    /** A struct or struct array ({@code count} elements); a 1x1 struct has one. */
    record Structs(int count, StructSource source) implements MatValue {
        boolean has(String field) {
            return source.fields().contains(field);
        }

        /** The field of element {@code index}, or null if the struct has no such field. */
        MatValue get(int index, String field) {
            return has(field) ? source.get(index, field) : null;
        }
    }

    /** A cell array, its elements in column-major order. */
    record Cells(List<MatValue> elements) implements MatValue {
    }

    /** Anything else (sparse, function handle, object): named for messages. */
    record Other(String kind) implements MatValue {
    }

    /** Values {@code from .. from + count} of a matrix, column-major, as doubles (exact for every MATLAB class). */
    @FunctionalInterface
    interface NumberSource {
        void read(long from, int count, double[] out);
    }

    /** The fields of a struct array, read when asked for. */
    interface StructSource {
        List<String> fields();

        MatValue get(int index, String field);
    }

    /** What a value is, for messages: "a 1x4 double", "text", "a struct". */
    static String describe(MatValue value) {
        if (value == null) {
            return "missing";
        }
        if (value instanceof Numbers n) {
            return "a " + n.rows() + "x" + n.columns() + " matrix";
        }
        if (value instanceof Text) {
            return "text";
        }
        if (value instanceof Structs s) {
            return s.count() == 1 ? "a struct" : "a struct array of " + s.count();
        }
        if (value instanceof Cells c) {
            return "a cell array of " + c.elements().size();
        }
        return "a " + ((Other) value).kind();
    }
}
