package org.eegworkflow.auth.control;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginBackoffTest {
    private final LoginBackoff backoff = new LoginBackoff(5, Duration.ofSeconds(30), Duration.ofSeconds(900));

    @Test
    void failuresBelowTheLimitCostNothing() {
        for (int failures = 0; failures < 5; failures++) {
            assertEquals(Duration.ZERO, backoff.lockoutAfter(failures), "after " + failures);
        }
    }

    @Test
    void theLimitLocksAndEachFurtherFailureDoublesUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(30), backoff.lockoutAfter(5));
        assertEquals(Duration.ofSeconds(60), backoff.lockoutAfter(6));
        assertEquals(Duration.ofSeconds(120), backoff.lockoutAfter(7));
        assertEquals(Duration.ofSeconds(240), backoff.lockoutAfter(8));
        assertEquals(Duration.ofSeconds(480), backoff.lockoutAfter(9));
        assertEquals(Duration.ofSeconds(900), backoff.lockoutAfter(10), "capped");
        assertEquals(Duration.ofSeconds(900), backoff.lockoutAfter(11));
        assertEquals(Duration.ofSeconds(900), backoff.lockoutAfter(Integer.MAX_VALUE), "no overflow");
    }

    @Test
    void aStreakIsForgottenAfterTwiceTheLongestLockout() {
        Instant last = Instant.parse("2026-11-28T12:00:00Z");
        assertEquals(1, backoff.nextFailureCount(0, null, last), "the first failure");
        assertEquals(8, backoff.nextFailureCount(7, last, last.plusSeconds(899)));
        assertEquals(8, backoff.nextFailureCount(7, last, last.plusSeconds(1799)), "still remembered");
        assertTrue(backoff.forgotten(last, last.plusSeconds(1800)));
        assertFalse(backoff.forgotten(last, last.plusSeconds(1799)));
        assertEquals(1, backoff.nextFailureCount(7, last, last.plusSeconds(1800)), "a new streak");
    }

    @Test
    void noAccountStaysLockedLongerThanTheMaximumAfterTheAttemptsStop() {
        // the worst an attacker can do: fail as often as the lockouts let them, for a long time
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        Instant lockedUntil = now;
        int failures = 0;
        Instant last = null;
        for (int attempt = 0; attempt < 1000; attempt++) {
            now = now.isBefore(lockedUntil) ? lockedUntil : now.plusSeconds(1);
            failures = backoff.nextFailureCount(failures, last, now);
            last = now;
            lockedUntil = now.plus(backoff.lockoutAfter(failures));
            assertTrue(!lockedUntil.isAfter(now.plusSeconds(900)), "bounded at attempt " + attempt);
        }
    }

    @Test
    void retryAfterRoundsUp() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        assertEquals(0, LoginBackoff.secondsLeft(now, now));
        assertEquals(0, LoginBackoff.secondsLeft(now.minusSeconds(5), now));
        assertEquals(1, LoginBackoff.secondsLeft(now.plusMillis(1), now));
        assertEquals(30, LoginBackoff.secondsLeft(now.plusSeconds(30), now));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LoginBackoff(0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new LoginBackoff(3, Duration.ofSeconds(60), Duration.ofSeconds(10)));
    }
}
