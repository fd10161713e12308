package org.eegworkflow.testblocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Elements;
import org.eegworkflow.sdk.Types;

/**
 * A study from a folder of the owner's data files, as a dataset provider makes one: an element per {@code *.txt}
 * file (its name without the extension the key, the number in it the value), fingerprinted by the file's name, size
 * and modification time.
 */
@BlockType(name = "Dataset", family = "Test")
public class Dataset {
    @BlockProperty(name = "folder", type = Types.FILE)
    Path folder;

    @BlockOutput(name = "numbers", type = Types.NUMBER, collection = true)
    Elements<Double> numbers;

    @BlockExecute
    public String execute() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        Elements.Builder<Double> collection = Elements.builder();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String key = name.substring(0, name.length() - 4);
            collection.add(key, Map.of("subject", key), Double.parseDouble(Files.readString(file).trim()),
                    name + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis());
        }
        numbers = collection.build();
        return numbers.size() + " elements";
    }
}
