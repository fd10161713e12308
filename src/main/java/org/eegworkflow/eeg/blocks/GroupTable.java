package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Elements;
import org.eegworkflow.sdk.Table;
import org.eegworkflow.sdk.Types;

/**
 * One table of a study's per-element results: a row per element with its key and entities (subject, session, task,
 * run) and the value each connected collection has for it, for a spreadsheet or a group statistic.
 */
@BlockType(name = "GroupTable", family = "Group", memoryMb = 32,
        description = "One table of a study's per-recording numbers and texts: a row per recording with its subject,"
                + " session, task and run.")
public class GroupTable {

    @BlockInput(name = "Numbers", type = Types.NUMBER_ARRAY, cardinality = "0-1",
            description = "A collection of numbers, one per recording (from a block run once per recording).")
    Elements<Object> numbers;

    @BlockInput(name = "Texts", type = Types.STRING_ARRAY, cardinality = "0-1",
            description = "A collection of texts, one per recording.")
    Elements<Object> texts;

    @BlockExecute
    public Table execute() {
        if (numbers.isEmpty() && texts.isEmpty()) {
            throw new IllegalArgumentException("connect a collection to 'Numbers' or 'Texts': there is nothing to"
                    + " tabulate");
        }
        // the elements in the order the collections have them; an element missing from one has an empty cell there
        Map<String, Map<String, String>> keys = new java.util.LinkedHashMap<>();
        for (Elements<Object> collection : List.of(numbers, texts)) {
            collection.forEach(element -> keys.putIfAbsent(element.key(), element.entities()));
        }
        Set<String> entityNames = new LinkedHashSet<>();
        keys.values().forEach(entities -> entityNames.addAll(entities.keySet()));
        List<String> header = new ArrayList<>();
        header.add("key");
        header.addAll(entityNames);
        if (!numbers.isEmpty()) {
            header.add("number");
        }
        if (!texts.isEmpty()) {
            header.add("text");
        }
        List<List<Object>> rows = new ArrayList<>();
        keys.forEach((key, entities) -> {
            List<Object> row = new ArrayList<>();
            row.add(key);
            entityNames.forEach(name -> row.add(entities.getOrDefault(name, "")));
            if (!numbers.isEmpty()) {
                row.add(cell(numbers, key));
            }
            if (!texts.isEmpty()) {
                row.add(cell(texts, key));
            }
            rows.add(row);
        });
        return Table.of("group", header, rows);
    }

    private static Object cell(Elements<Object> collection, String key) {
        Elements.Element<Object> element = collection.get(key);
        return element == null || element.value() == null ? "" : element.value();
    }
}
