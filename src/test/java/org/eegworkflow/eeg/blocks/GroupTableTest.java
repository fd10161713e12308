package org.eegworkflow.eeg.blocks;

import java.util.List;
import java.util.Map;

import org.eegworkflow.sdk.Elements;
import org.eegworkflow.sdk.Table;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** GroupTable: a row per element with its entities, and an empty cell where a collection lacks the element. */
class GroupTableTest {

    @Test
    void aRowPerElementWithItsEntities() {
        GroupTable block = new GroupTable();
        block.numbers = Elements.<Object>builder()
                .add("sub-01_task-faces", entities("01"), 0.5)
                .add("sub-02_task-faces", entities("02"), 1.5).build();
        block.texts = Elements.<Object>builder()
                .add("sub-02_task-faces", entities("02"), "noisy").build();
        Table table = block.execute();
        assertEquals(List.of("key", "subject", "task", "number", "text"), table.header());
        assertEquals(List.of(List.of("sub-01_task-faces", "01", "faces", 0.5, ""),
                List.of("sub-02_task-faces", "02", "faces", 1.5, "noisy")), table.rows());
    }

    private static Map<String, String> entities(String subject) {
        Map<String, String> entities = new java.util.LinkedHashMap<>();
        entities.put("subject", subject);
        entities.put("task", "faces");
        return entities;
    }

    @Test
    void nothingConnectedIsRefused() {
        GroupTable block = new GroupTable();
        block.numbers = Elements.of(List.of());
        block.texts = Elements.of(List.of());
        assertEquals("connect a collection to 'Numbers' or 'Texts': there is nothing to tabulate",
                assertThrows(IllegalArgumentException.class, block::execute).getMessage());
    }
}
