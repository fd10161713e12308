package org.eegworkflow.job.control.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NodeLivenessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long SECOND = 1_000_000_000L;

    private final NodeLiveness liveness = new NodeLiveness();

    @Test
    void aNodeWhoseHeartbeatStandsStillForTheTimeoutIsDead() {
        assertEquals(Set.of(), liveness.dead(Map.of("a", 100L, "b", 500L), 0, TIMEOUT, "b"));
        assertEquals(Set.of(), liveness.dead(Map.of("a", 100L, "b", 505L), 59 * SECOND, TIMEOUT, "b"));
        assertEquals(Set.of("a"), liveness.dead(Map.of("a", 100L, "b", 510L), 60 * SECOND, TIMEOUT, "b"));
        assertEquals(Set.of("a"), liveness.dead(Map.of("a", 100L, "b", 515L), 90 * SECOND, TIMEOUT, "b"));
    }

    @Test
    void aMovingHeartbeatKeepsANodeAliveWhateverItsClockSays() {
        // a's clock is far behind ours, or ahead: only whether its heartbeat moves counts
        long[] beats = {5L, 6L, 4_000_000_000_000L, 7L};
        for (int i = 0; i < beats.length; i++) {
            assertEquals(Set.of(), liveness.dead(Map.of("a", beats[i]), i * 50 * SECOND, TIMEOUT, "b"));
        }
    }

    @Test
    void aNodeFirstSeenNowGetsTheWholeTimeout() {
        assertEquals(Set.of(), liveness.dead(Map.of("a", 1L), 1000 * SECOND, TIMEOUT, "b"));
        assertEquals(Set.of(), liveness.dead(Map.of("a", 1L), 1059 * SECOND, TIMEOUT, "b"));
        assertEquals(Set.of("a"), liveness.dead(Map.of("a", 1L), 1060 * SECOND, TIMEOUT, "b"));
    }

    @Test
    void aNodeThatComesBackIsAliveAndTimedAfresh() {
        liveness.dead(Map.of("a", 1L), 0, TIMEOUT, "b");
        assertEquals(Set.of("a"), liveness.dead(Map.of("a", 1L), 61 * SECOND, TIMEOUT, "b"));
        assertEquals(Set.of(), liveness.dead(Map.of("a", 2L), 62 * SECOND, TIMEOUT, "b"));
        assertEquals(Set.of(), liveness.dead(Map.of("a", 2L), 121 * SECOND, TIMEOUT, "b"));
        assertEquals(Set.of("a"), liveness.dead(Map.of("a", 2L), 122 * SECOND, TIMEOUT, "b"));
    }

    @Test
    void aForgottenNodeIsForgottenHereToo() {
        liveness.dead(Map.of("a", 1L), 0, TIMEOUT, "b");
        liveness.dead(Map.of(), 30 * SECOND, TIMEOUT, "b");
        // its row came back with the same heartbeat value: timed from when it reappeared
        assertEquals(Set.of(), liveness.dead(Map.of("a", 1L), 61 * SECOND, TIMEOUT, "b"));
        assertEquals(Set.of("a"), liveness.dead(Map.of("a", 1L), 121 * SECOND, TIMEOUT, "b"));
    }

    @Test
    void thisNodeIsNeverDeadToItself() {
        liveness.dead(Map.of("b", 1L), 0, TIMEOUT, "b");
        assertEquals(Set.of(), liveness.dead(Map.of("b", 1L), 3600 * SECOND, TIMEOUT, "b"));
    }
}
