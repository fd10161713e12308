package org.eegworkflow.job.control.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells dead nodes from live ones by watching their heartbeats move, timed by this node's own monotonic clock: the
 * nodes' clocks never get compared, so clock skew between machines cannot make a live node look dead. A node is dead
 * once its heartbeat has stood still for the timeout, as seen from here; a node first seen now gets the whole timeout.
 */
final class NodeLiveness {
    private final Map<String, Seen> seen = new HashMap<>();

    private record Seen(long heartbeat, long sinceNanos) {
    }

    /**
     * @param heartbeats every node's heartbeat as read now, by name
     * @param nowNanos   this node's monotonic clock ({@link System#nanoTime()})
     * @param self       this node, never dead to itself
     * @return the nodes whose heartbeat has not moved for at least the timeout
     */
    synchronized Set<String> dead(Map<String, Long> heartbeats, long nowNanos, Duration timeout, String self) {
        seen.keySet().retainAll(heartbeats.keySet());
        Set<String> dead = new TreeSet<>();
        heartbeats.forEach((name, heartbeat) -> {
            if (name.equals(self)) {
                return;
            }
            Seen last = seen.get(name);
            if (last == null || last.heartbeat() != heartbeat) {
                seen.put(name, new Seen(heartbeat, nowNanos));
            } else if (nowNanos - last.sinceNanos() >= timeout.toNanos()) {
                dead.add(name);
            }
        });
        return dead;
    }
}
