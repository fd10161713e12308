package org.eegworkflow.platform;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    private static final RuntimeException DOWN = new PersistenceException(new SQLException("refused", "08001"));

    /** A clock that only moves when the policy sleeps. */
    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> waits = new ArrayList<>();

    private void sleep(Duration d) {
        waits.add(d);
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void delaysDoubleUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(120), Duration.ofMillis(100), Duration.ofSeconds(5));
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L),
                List.of(1, 2, 3, 4, 5, 6, 7, 8).stream().map(n -> policy.delayAfter(n).toMillis()).toList());
        assertEquals(5000, policy.delayAfter(1000).toMillis());
    }

    @Test
    void succeedsOnceTheDatabaseIsBack() {
        AtomicInteger attempts = new AtomicInteger();
        String result = RetryPolicy.backoff(Duration.ofSeconds(120)).call(() -> {
            if (attempts.incrementAndGet() < 4) {
                throw DOWN;
            }
            return "stored";
        }, DatabaseFailures::isUnavailable, nanos::get, this::sleep);
        assertEquals("stored", result);
        assertEquals(4, attempts.get());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)), waits);
    }

    @Test
    void givesUpAfterTheBudgetWithTheLastFailure() {
        AtomicInteger attempts = new AtomicInteger();
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> RetryPolicy.backoff(Duration.ofSeconds(120)).call(() -> {
                    attempts.incrementAndGet();
                    throw DOWN;
                }, DatabaseFailures::isUnavailable, nanos::get, this::sleep));
        assertSame(DOWN, thrown);
        long waited = waits.stream().mapToLong(Duration::toMillis).sum();
        assertEquals(120_000, waited, "the last wait is cut to the budget, never past it");
        // 100+200+...+3200 = 6300 ms, then 5 s waits: 6300 + 22 * 5000 = 116300, then a cut 3700 ms wait
        assertEquals(30, attempts.get());
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalArgumentException bug = new IllegalArgumentException("a bug");
        assertSame(bug, assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.backoff(Duration.ofSeconds(120)).call(() -> {
                    attempts.incrementAndGet();
                    throw bug;
                }, DatabaseFailures::isUnavailable, nanos::get, this::sleep)));
        assertEquals(1, attempts.get());
        assertTrue(waits.isEmpty());
    }

    /** What a CDI @Transactional method throws when its commit fails: JTA's checked RollbackException. */
    private static <T> T sneaky(Exception e) {
        throw RetryPolicyTest.<RuntimeException>rethrow(e);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }

    @Test
    void aCheckedFailureOfACommitIsRetriedAndComesOutWrapped() {
        jakarta.transaction.RollbackException rollback = new jakarta.transaction.RollbackException("ARJUNA016053");
        rollback.initCause(new SQLException("refused", "08001"));
        AtomicInteger attempts = new AtomicInteger();
        String result = RetryPolicy.backoff(Duration.ofSeconds(120)).call(() -> {
            if (attempts.incrementAndGet() < 3) {
                return sneaky(rollback);
            }
            return "committed";
        }, DatabaseFailures::isUnavailable, nanos::get, this::sleep);
        assertEquals("committed", result);

        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> RetryPolicy.backoff(Duration.ofSeconds(1)).call(() -> sneaky(rollback),
                        DatabaseFailures::isUnavailable, nanos::get, this::sleep));
        assertSame(rollback, thrown.getCause());
        assertTrue(DatabaseFailures.isUnavailable(thrown));
    }

    @Test
    void aZeroBudgetTriesOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(PersistenceException.class, () -> RetryPolicy.backoff(Duration.ZERO).call(() -> {
            attempts.incrementAndGet();
            throw DOWN;
        }, DatabaseFailures::isUnavailable, nanos::get, this::sleep));
        assertEquals(1, attempts.get());
    }

    @Test
    void anInterruptEndsTheRetriesAndIsKept() {
        try {
            assertSame(DOWN, assertThrows(PersistenceException.class,
                    () -> RetryPolicy.backoff(Duration.ofSeconds(120)).call(() -> {
                        throw DOWN;
                    }, DatabaseFailures::isUnavailable, nanos::get, d -> {
                        throw new InterruptedException();
                    })));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
