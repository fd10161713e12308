package org.eegworkflow.workflow.control;

import java.util.List;
import java.util.Set;

import org.eegworkflow.workflow.entity.Edge;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DagTest {

    private static Edge edge(int from, int to) {
        return new Edge(from * 100 + to, from, "output", to, "input");
    }

    @Test
    void ordersEveryBlockAfterWhatFeedsIt() {
        // a diamond with a tail: 1 -> 2, 1 -> 3, 2 -> 4, 3 -> 4, 4 -> 5
        Dag dag = new Dag(List.of(5, 4, 3, 2, 1), List.of(edge(1, 2), edge(1, 3), edge(2, 4), edge(3, 4), edge(4, 5)));
        List<Integer> order = dag.topologicalOrder();
        assertEquals(5, order.size());
        assertTrue(order.indexOf(1) < order.indexOf(2));
        assertTrue(order.indexOf(1) < order.indexOf(3));
        assertTrue(order.indexOf(2) < order.indexOf(4));
        assertTrue(order.indexOf(3) < order.indexOf(4));
        assertTrue(order.indexOf(4) < order.indexOf(5));
        assertEquals(Set.of(2, 3, 4, 5), dag.descendantsOf(1));
        assertEquals(Set.of(5), dag.descendantsOf(4));
    }

    @Test
    void namesTheBlocksOfACycleInOrder() {
        // 1 -> 2 -> 3 -> 4 -> 2, and 5 hangs off the cycle
        Dag dag = new Dag(List.of(1, 2, 3, 4, 5), List.of(edge(1, 2), edge(2, 3), edge(3, 4), edge(4, 2), edge(4, 5)));
        Dag.CycleException cycle = assertThrows(Dag.CycleException.class, dag::topologicalOrder);
        List<Integer> blocks = cycle.cycle();
        assertEquals(Set.of(2, 3, 4), Set.copyOf(blocks));
        for (int i = 0; i < blocks.size(); i++) {
            int from = blocks.get(i);
            int to = blocks.get((i + 1) % blocks.size());
            assertTrue(dag.downstreamOf(from).contains(to), blocks + " is not a loop at " + from + " -> " + to);
        }
    }

    @Test
    void unconnectedBlocksAreAllReady() {
        Dag dag = new Dag(List.of(3, 1, 2), List.of());
        assertEquals(List.of(3, 1, 2), dag.topologicalOrder());
    }
}
