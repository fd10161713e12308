package org.eegworkflow.sdk;

import java.util.List;

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
