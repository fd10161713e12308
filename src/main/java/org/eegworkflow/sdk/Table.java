package org.eegworkflow.sdk;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Rows and columns for the block to show (output type TABLE). The engine stores it as a CSV file in the job's folder
 * and the job details link to it.
 *
 * <pre>{@code
 * return Table.of("confusion", List.of("actual", "predicted", "count"), rows);
 * }</pre>
 */
public final class Table {
    private final String name;
    private final List<String> header;
    private final List<List<Object>> rows;

    private Table(String name, List<String> header, List<List<Object>> rows) {
        this.name = Names.check(name);
        this.header = List.copyOf(header);
        this.rows = rows;
    }

    /**
     * A table whose rows are made one at a time while the engine writes the CSV, for tables too big to hold as
     * objects (a recording exported sample by sample). {@code row} is called with 0 to {@code rowCount - 1}, in order.
     *
     * <pre>{@code
     * return Table.generated("samples", header, samples, i -> List.of(i / rate, data[0][i], data[1][i]));
     * }</pre>
     */
    public static Table generated(String name, List<String> header, int rowCount, IntFunction<List<?>> row) {
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount must not be negative");
        }
        return new Table(name, header, new java.util.AbstractList<>() {
            @Override
            public List<Object> get(int index) {
                return List.<Object>copyOf(row.apply(index));
            }

            @Override
            public int size() {
                return rowCount;
            }
        });
    }

    /** A table with a header row; every row should have as many cells as the header. */
    public static Table of(String name, List<String> header, List<? extends List<?>> rows) {
        return new Table(name, header, rows.stream().map(r -> List.<Object>copyOf(r)).toList());
    }

    public String name() {
        return name;
    }

    public List<String> header() {
        return header;
    }

    public List<List<Object>> rows() {
        return rows;
    }
}
