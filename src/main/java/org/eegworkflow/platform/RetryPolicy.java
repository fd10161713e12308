package org.eegworkflow.platform;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Retries an action whose failure is passing (a database that went away for a while): with exponential backoff from
 * {@code first} up to {@code max} between attempts, for at most {@code budget} in all. A failure that is not
 * retryable, or one that outlasts the budget, is thrown as it is (a checked one wrapped, see {@link #unchecked}).
 */
public final class RetryPolicy {
    /** Waits between attempts; tests replace it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration budget;
    private final Duration first;
    private final Duration max;

    public RetryPolicy(Duration budget, Duration first, Duration max) {
        if (budget.isNegative() || first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("retry policy needs 0 <= budget and 0 < first <= max");
        }
        this.budget = budget;
        this.first = first;
        this.max = max;
    }

    /** The engine's policy: 100 ms, doubling to at most 5 s between attempts, for {@code budget} in all. */
    public static RetryPolicy backoff(Duration budget) {
        return new RetryPolicy(budget, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    public Duration budget() {
        return budget;
    }

    /**
     * A checked exception as an unchecked one that wraps it. Checked exceptions do get through a {@code Supplier}:
     * a CDI {@code @Transactional} method throws JTA's checked {@code RollbackException} when its commit fails.
     */
    public static RuntimeException unchecked(Exception e) {
        return e instanceof RuntimeException runtime ? runtime : new UndeclaredThrowableException(e, e.getMessage());
    }

    /** The wait after the {@code failures}-th failure (from 1). */
    public Duration delayAfter(int failures) {
        long millis = first.toMillis();
        for (int i = 1; i < failures && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    public <T> T call(Supplier<T> action, Predicate<Throwable> retryable) {
        return call(action, retryable, System::nanoTime, duration -> Thread.sleep(duration.toMillis()));
    }

    /**
     * Runs {@code action} until it succeeds, fails with a non-retryable failure, or the budget is spent (the last
     * wait is cut short so the budget is kept). An interrupt while waiting ends the retries with the last failure,
     * the interrupt flag set again.
     */
    public <T> T call(Supplier<T> action, Predicate<Throwable> retryable, LongSupplier nanoClock, Sleeper sleeper) {
        long start = nanoClock.getAsLong();
        int failures = 0;
        while (true) {
            try {
                return action.get();
            } catch (Exception thrown) {
                RuntimeException e = unchecked(thrown);
                if (!retryable.test(e)) {
                    throw e;
                }
                failures++;
                long left = budget.toNanos() - (nanoClock.getAsLong() - start);
                if (left <= 0) {
                    throw e;
                }
                Duration wait = delayAfter(failures);
                if (wait.toNanos() > left) {
                    wait = Duration.ofNanos(left);
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
