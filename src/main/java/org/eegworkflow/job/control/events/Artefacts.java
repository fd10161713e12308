package org.eegworkflow.job.control.events;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.eegworkflow.block.control.Values;
import org.eegworkflow.sdk.FileOutput;
import org.eegworkflow.sdk.Graph;
import org.eegworkflow.sdk.Table;

/** Turns what a block shows into the job details' output: text as is, pictures, tables and files as stored files. */
public final class Artefacts {
    public static final String STRING = "STRING";
    public static final String GRAPH = "GRAPH";
    public static final String TABLE = "TABLE";
    public static final String FILE = "FILE";

    private Artefacts() {
    }

    /** @return the output's type and value (the text, or the stored file's name); null when nothing is shown */
    public static Shown store(Object shown, int blockId, Path filesDir) throws IOException {
        return store(shown, Integer.toString(blockId), filesDir);
    }

    /**
     * As {@link #store(Object, int, Path)} for one element of a block run once per element: its files are named
     * after the block and the element's key, so elements never overwrite each other's.
     */
    public static Shown store(Object shown, int blockId, String elementKey, Path filesDir) throws IOException {
        return store(shown, prefix(blockId, elementKey), filesDir);
    }

    /** The name prefix of a block's (or one element's) stored files. @param elementKey null for a whole block */
    public static String prefix(int blockId, String elementKey) {
        return elementKey == null ? Integer.toString(blockId)
                : blockId + "-" + elementKey.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Stores what a block shows under the given name prefix. An output already stored (a block run by a worker,
     * which stored its files in the job's folder itself) is taken as it is.
     */
    public static Shown store(Object shown, String prefix, Path filesDir) throws IOException {
        if (shown == null) {
            return null;
        }
        if (shown instanceof Shown stored) {
            return stored;
        }
        if (shown instanceof Graph graph) {
            String name = prefix + "-" + graph.name() + ".png";
            Files.createDirectories(filesDir);
            Files.write(filesDir.resolve(name), graph.png());
            return new Shown(GRAPH, name);
        }
        if (shown instanceof Table table) {
            String name = prefix + "-" + table.name() + ".csv";
            Files.createDirectories(filesDir);
            try (Writer out = Files.newBufferedWriter(filesDir.resolve(name), StandardCharsets.UTF_8)) {
                writeRow(out, table.header());
                for (List<Object> row : table.rows()) {
                    writeRow(out, row);
                }
            }
            return new Shown(TABLE, name);
        }
        if (shown instanceof FileOutput file) {
            String name = prefix + "-" + file.file().getFileName();
            Files.createDirectories(filesDir);
            Files.copy(file.file(), filesDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            return new Shown(FILE, name);
        }
        return new Shown(STRING, Values.display(shown));
    }

    private static void writeRow(Writer out, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(csv(cells.get(i)));
        }
        out.write("\r\n");
    }

    /** RFC 4180 quoting, and a leading quote for text a spreadsheet would run as a formula. */
    static String csv(Object cell) {
        String text = cell instanceof Number ? Values.display(cell) : cell == null ? "" : cell.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(cell instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** An output as the job details show it. */
    public record Shown(String type, String value) {
    }
}
