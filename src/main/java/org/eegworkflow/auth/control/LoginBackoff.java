package org.eegworkflow.auth.control;

import java.time.Duration;
import java.time.Instant;

/**
 * The lockout rule for failed logins, free of storage so it can be tested alone. The first {@code maxFailures - 1}
 * consecutive failures cost nothing; the {@code maxFailures}-th locks the account for {@code lockout}, and each
 * further failure after a lockout doubles it, up to {@code maxLockout}. Failures during a lockout are not counted
 * (the password is not even checked), so an attacker cannot lengthen a lockout by hammering; and a streak is
 * forgotten after {@code 2 x maxLockout} without failures, so no account stays locked longer than {@code maxLockout}
 * after the attempts stop.
 */
public record LoginBackoff(int maxFailures, Duration lockout, Duration maxLockout) {

    public LoginBackoff {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
        }
        if (lockout.isNegative() || maxLockout.compareTo(lockout) < 0) {
            throw new IllegalArgumentException("need 0 <= lockout <= maxLockout, got " + lockout + ", " + maxLockout);
        }
    }

    /** How long an account is locked right after its {@code failures}-th consecutive failure. */
    public Duration lockoutAfter(int failures) {
        if (failures < maxFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - maxFailures, 40);
        long millis = lockout.toMillis();
        for (int i = 0; i < doublings && millis < maxLockout.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxLockout.toMillis()));
    }

    /** Whether a streak whose last failure was at {@code lastFailure} no longer counts at {@code now}. */
    public boolean forgotten(Instant lastFailure, Instant now) {
        return !now.isBefore(lastFailure.plus(forgetAfter()));
    }

    /** How long a streak is remembered after its last failure. */
    public Duration forgetAfter() {
        return maxLockout.multipliedBy(2);
    }

    /** The count after one more failure at {@code now}, given the stored streak (0 when there is none). */
    public int nextFailureCount(int storedFailures, Instant lastFailure, Instant now) {
        return lastFailure == null || forgotten(lastFailure, now) ? 1 : storedFailures + 1;
    }

    /** Whole seconds until {@code lockedUntil}, rounded up, for a Retry-After header; 0 when not locked. */
    public static long secondsLeft(Instant lockedUntil, Instant now) {
        long millis = Duration.between(now, lockedUntil).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}
