package org.eegworkflow.workflow.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eegworkflow.workflow.entity.Edge;
import org.eegworkflow.workflow.entity.Workflow;

/** The dependency graph of a workflow's blocks. */
public final class Dag {
    private final Map<Integer, Set<Integer>> downstream = new LinkedHashMap<>();
    private final Map<Integer, Set<Integer>> upstream = new LinkedHashMap<>();

    public Dag(Collection<Integer> nodes, Collection<Edge> edges) {
        for (Integer node : nodes) {
            downstream.put(node, new LinkedHashSet<>());
            upstream.put(node, new LinkedHashSet<>());
        }
        for (Edge edge : edges) {
            downstream.get(edge.from()).add(edge.to());
            upstream.get(edge.to()).add(edge.from());
        }
    }

    public static Dag of(Workflow workflow) {
        return new Dag(workflow.blocks().keySet(), workflow.edges());
    }

    /** Read-only: a plan shares its graph between runs. */
    public Set<Integer> downstreamOf(int node) {
        return java.util.Collections.unmodifiableSet(downstream.get(node));
    }

    public Set<Integer> upstreamOf(int node) {
        return java.util.Collections.unmodifiableSet(upstream.get(node));
    }

    /** Every block that depends, directly or not, on {@code node}. */
    public Set<Integer> descendantsOf(int node) {
        Set<Integer> seen = new LinkedHashSet<>();
        Deque<Integer> todo = new ArrayDeque<>(downstream.get(node));
        while (!todo.isEmpty()) {
            int next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(downstream.get(next));
            }
        }
        return seen;
    }

    /**
     * The blocks in an order where each comes after everything it depends on.
     *
     * @throws CycleException naming the blocks of one cycle, in order
     */
    public List<Integer> topologicalOrder() {
        Map<Integer, Integer> pending = new HashMap<>();
        upstream.forEach((node, ups) -> pending.put(node, ups.size()));
        Deque<Integer> ready = new ArrayDeque<>();
        upstream.forEach((node, ups) -> {
            if (ups.isEmpty()) {
                ready.add(node);
            }
        });
        List<Integer> order = new ArrayList<>(upstream.size());
        while (!ready.isEmpty()) {
            int node = ready.poll();
            order.add(node);
            for (int next : downstream.get(node)) {
                if (pending.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (order.size() < upstream.size()) {
            throw new CycleException(findCycle(pending));
        }
        return order;
    }

    /** Walks upstream from a block left over by Kahn's algorithm until a block repeats: that loop is a cycle. */
    private List<Integer> findCycle(Map<Integer, Integer> pending) {
        int start = pending.entrySet().stream().filter(e -> e.getValue() > 0).findFirst().orElseThrow().getKey();
        List<Integer> path = new ArrayList<>();
        Map<Integer, Integer> position = new HashMap<>();
        int node = start;
        while (!position.containsKey(node)) {
            position.put(node, path.size());
            path.add(node);
            node = upstream.get(node).stream().filter(up -> pending.get(up) > 0).findFirst().orElseThrow();
        }
        List<Integer> cycle = new ArrayList<>(path.subList(position.get(node), path.size()));
        java.util.Collections.reverse(cycle);
        return cycle;
    }

    /** A workflow whose edges loop back. */
    public static final class CycleException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<Integer> cycle;

        CycleException(List<Integer> cycle) {
            super("cycle");
            this.cycle = List.copyOf(cycle);
        }

        /** The blocks on the cycle, each feeding the next, the last feeding the first. */
        public List<Integer> cycle() {
            return cycle;
        }
    }
}
