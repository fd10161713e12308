package org.eegworkflow.platform;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The job engine's writes outlive a database outage: each is retried while the database cannot be reached, for up
 * to {@code eegwf.db.retry.seconds}; a write that must happen at some point (a job's final status) is handed on to
 * be tried again in the background until the database is back. Call it outside any transaction: each attempt must be
 * a transaction of its own.
 */
@ApplicationScoped
public class DatabaseRetry {
    private static final Logger LOG = Logger.getLogger(DatabaseRetry.class.getName());
    private static final long BACKGROUND_INTERVAL_SECONDS = 5;

    @Inject
    Settings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Runs the write, retrying while the database is unavailable, for the configured time at most. */
    public void run(String what, Runnable write) {
        call(what, () -> {
            write.run();
            return null;
        });
    }

    public <T> T call(String what, Supplier<T> action) {
        return call(what, settings.databaseRetry(), action);
    }

    /** As {@link #call(String, Supplier)} with a budget of its own (a request that a client waits for). */
    public <T> T call(String what, Duration budget, Supplier<T> action) {
        boolean[] failed = {false};
        T result = RetryPolicy.backoff(budget).call(() -> {
            try {
                return action.get();
            } catch (Exception thrown) {
                RuntimeException e = RetryPolicy.unchecked(thrown);
                if (!failed[0] && DatabaseFailures.isUnavailable(e)) {
                    failed[0] = true;
                    LOG.warning("database unavailable while writing " + what + "; retrying for up to "
                            + budget.toSeconds() + " s: " + e);
                }
                throw e;
            }
        }, DatabaseFailures::isUnavailable);
        if (failed[0]) {
            LOG.info(() -> "database back: wrote " + what);
        }
        return result;
    }

    /**
     * As {@link #call(String, Supplier)}, but a database that stays away past the budget is not thrown: the caller's
     * {@code whileUnavailable} answers instead (put the job back in line, keep the row for later, ...). Any other
     * failure is thrown as it is. This is the one place that tells an outage from a fault; callers say only what to
     * do in each case.
     */
    public <T> T callOr(String what, Supplier<T> action, Supplier<T> whileUnavailable) {
        return orWhileUnavailable(what, () -> call(what, action), whileUnavailable);
    }

    /** As {@link #callOr(String, Supplier, Supplier)} with a budget of its own; {@link Duration#ZERO} tries once. */
    public <T> T callOr(String what, Duration budget, Supplier<T> action, Supplier<T> whileUnavailable) {
        return orWhileUnavailable(what, budget.isZero() ? action : () -> call(what, budget, action),
                whileUnavailable);
    }

    private static <T> T orWhileUnavailable(String what, Supplier<T> action, Supplier<T> whileUnavailable) {
        try {
            return action.get();
        } catch (Exception thrown) {
            // Exception: a failed commit comes out of @Transactional as JTA's checked RollbackException
            RuntimeException e = RetryPolicy.unchecked(thrown);
            if (!DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            LOG.fine(() -> "database unavailable: " + what + " is handled as an outage: " + e);
            return whileUnavailable.get();
        }
    }

    /** As {@link #callOr(String, Supplier, Supplier)} for a write without an answer. */
    public void runOr(String what, Runnable write, Runnable whileUnavailable) {
        callOr(what, answerless(write), answerless(whileUnavailable));
    }

    /** As {@link #runOr(String, Runnable, Runnable)} with a budget of its own; {@link Duration#ZERO} tries once. */
    public void runOr(String what, Duration budget, Runnable write, Runnable whileUnavailable) {
        callOr(what, budget, answerless(write), answerless(whileUnavailable));
    }

    private static Supplier<Void> answerless(Runnable action) {
        return () -> {
            action.run();
            return null;
        };
    }

    /**
     * Tries the write now and, while the database is unavailable, again every few seconds in the background until it
     * succeeds. Any other failure is logged and ends the attempts.
     */
    public void eventually(String what, Runnable write) {
        try {
            write.run();
        } catch (Throwable e) {
            // an Error too: one escaping a background attempt would end the attempts without a word
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!DatabaseFailures.isUnavailable(e)) {
                LOG.log(Level.SEVERE, "could not write " + what, e);
                return;
            }
            LOG.warning("database unavailable: " + what + " will be written once it is back");
            scheduler.schedule(() -> eventually(what, write), BACKGROUND_INTERVAL_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code task} after a delay, on the server's managed scheduler. */
    public void later(Runnable task, Duration delay) {
        scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
