package org.eegworkflow.job.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;

import org.eegworkflow.platform.Jsons;
import org.eegworkflow.block.control.BlockFailedException;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.platform.DatabaseFailures;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.workflow.entity.BlockNode;

/**
 * Takes ready blocks from a run and executes them one after another, storing each result as it finishes. Each block
 * runs on a thread of its own while the batch thread waits for it with the block time limit, so a block that hangs
 * or ignores interruption fails on time and never keeps its job from ending.
 */
@ApplicationScoped
public class BlockExecutor {
    private static final Logger LOG = Logger.getLogger(BlockExecutor.class.getName());

    @Inject
    JobStore store;

    @Inject
    JobFolders folders;

    @Inject
    JobEvents events;

    @Inject
    Settings settings;

    @Inject
    DatabaseRetry retry;

    @Inject
    JobDispatcher dispatcher;

    @Resource
    ManagedThreadFactory threadFactory;

    private ExecutorService blockThreads;

    private synchronized ExecutorService blockThreads() {
        if (blockThreads == null) {
            blockThreads = Executors.newCachedThreadPool(threadFactory);
        }
        return blockThreads;
    }

    @PreDestroy
    synchronized void shutdown() {
        if (blockThreads != null) {
            blockThreads.shutdownNow();
        }
    }

    /** Runs blocks until the run has none left for this worker. */
    public void drain(WorkflowRun run) throws InterruptedException {
        Integer block;
        while ((block = run.take()) != null) {
            execute(run, block);
        }
    }

    private void execute(WorkflowRun run, int blockId) {
        long jobId = run.jobId();
        BlockNode node = run.workflow().block(blockId);
        Instant started = run.startOf(blockId);
        events.publish(jobId, blockEvent(blockId, BlockStatus.RUNNING, null, "", run.attempt()));
        Context context = new Context(folders.work(jobId), folders.values(jobId), run,
                fraction -> events.publish(jobId, new JobEvents.Event("progress", Jsons.PROVIDER.createObjectBuilder()
                        .add("blockId", blockId).add("fraction", Math.max(0, Math.min(1, fraction))).build())));
        Duration limit = settings.blockTimeout();
        Future<BlockInvoker.Outcome> task = blockThreads().submit(() -> BlockInvoker.invoke(run.spec(blockId),
                node.values(), run.inputsOf(blockId), context, run.filesRoot()));
        run.track(task);
        try {
            BlockInvoker.Outcome outcome = task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            Artefacts.Shown shown = Artefacts.store(outcome.shown(), blockId, folders.files(jobId));
            run.checkpoint(blockId, outcome.outputs());
            Instant ended = Instant.now();
            // a new entity for each attempt: a rolled-back persist leaves its id on the old one
            retry.run("the result of block " + blockId + " of job row " + jobId, () -> store.saveResult(
                    new BlockRun(jobId, blockId, run.attempt(), BlockStatus.COMPLETED,
                            shown == null ? null : shown.type(), shown == null ? null : shown.value(),
                            context.stdout(), "", started, ended)));
            dispatcher.touch(jobId);
            events.publish(jobId, blockEvent(blockId, BlockStatus.COMPLETED, shown, "", run.attempt()));
            run.completed(blockId, outcome.outputs());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (run.isCancelled()) {
                stopped(run, blockId, context, started);
                return;
            }
            String reason = cause instanceof BlockFailedException ? cause.getMessage()
                    : "the server could not run this block: " + cause;
            LOG.log(Level.FINE, "block " + blockId + " of job row " + jobId + " failed", cause);
            fail(run, blockId, context, started, reason);
        } catch (TimeoutException e) {
            task.cancel(true);
            fail(run, blockId, context, started, "timed out after " + limit.toSeconds() + " s");
        } catch (CancellationException e) {
            stopped(run, blockId, context, started);
        } catch (InterruptedException e) {
            task.cancel(true);
            run.cancel();
            stopped(run, blockId, context, started);
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the engine's own fault (disk, database): the block must still end, never stay RUNNING
            if (DatabaseFailures.isUnavailable(e)) {
                lost(run, blockId, e);
                return;
            }
            LOG.log(Level.SEVERE, "block " + blockId + " of job row " + jobId + " could not be stored", e);
            fail(run, blockId, context, started,
                    "the server could not store this block's result: " + e.getMessage());
        } finally {
            run.untrack(task);
        }
    }

    /**
     * The database stayed away longer than the engine retries: the block ends without a stored result (a restart runs
     * it again), and what depends on it does not run; the job will end FAILED, to be restarted.
     */
    private void lost(WorkflowRun run, int blockId, Exception e) {
        LOG.warning("block " + blockId + " of job row " + run.jobId()
                + ": its result could not be stored, the database is unavailable: " + e);
        run.resultsLost();
        run.failed(blockId);
        events.publish(run.jobId(), blockEvent(blockId, BlockStatus.FAILED, null,
                DatabaseFailures.UNAVAILABLE, run.attempt()));
    }

    private void stopped(WorkflowRun run, int blockId, Context context, Instant started) {
        String reason = "stopped before it finished";
        Instant ended = Instant.now();
        try {
            retry.run("the STOPPED result of block " + blockId + " of job row " + run.jobId(),
                    () -> store.saveResult(new BlockRun(run.jobId(), blockId, run.attempt(), BlockStatus.STOPPED,
                            null, null, context.stdout(), reason, started, ended)));
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            run.resultsLost();
        } finally {
            run.abandoned(blockId);
        }
        events.publish(run.jobId(), blockEvent(blockId, BlockStatus.STOPPED, null, reason, run.attempt()));
    }

    private void fail(WorkflowRun run, int blockId, Context context, Instant started, String reason) {
        long jobId = run.jobId();
        Instant now = Instant.now();
        List<Integer> notRun = run.failed(blockId);
        String upstream = "not run: upstream block " + blockId + " failed";
        java.util.function.Supplier<List<BlockRun>> results = () -> {
            List<BlockRun> list = new ArrayList<>();
            list.add(new BlockRun(jobId, blockId, run.attempt(), BlockStatus.FAILED, null, null, context.stdout(),
                    reason, started, now));
            for (int skipped : notRun) {
                list.add(new BlockRun(jobId, skipped, run.attempt(), BlockStatus.FAILED, null, null, "", upstream,
                        null, now));
            }
            return list;
        };
        try {
            // new entities for each attempt: a rolled-back persist leaves its id on the old ones
            retry.run("the failed results of block " + blockId + " of job row " + jobId,
                    () -> store.saveResults(results.get()));
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                throw e;
            }
            LOG.warning("block " + blockId + " of job row " + jobId
                    + ": its failure could not be stored, the database is unavailable: " + e);
            run.resultsLost();
        }
        dispatcher.touch(jobId);
        events.publish(jobId, blockEvent(blockId, BlockStatus.FAILED, null, reason, run.attempt()));
        for (int skipped : notRun) {
            events.publish(jobId, blockEvent(skipped, BlockStatus.FAILED, null, upstream, run.attempt()));
        }
    }

    static JobEvents.Event blockEvent(int blockId, BlockStatus status, Artefacts.Shown shown, String stderr,
                                      int attempt) {
        JsonObjectBuilder data = Jsons.PROVIDER.createObjectBuilder().add("blockId", blockId).add("status", status.name())
                .add("attempt", attempt);
        if (shown != null) {
            data.add("output", JobOutputs.json(shown.type(), shown.value()));
        }
        return new JobEvents.Event("block", data.add("stderr", stderr).build());
    }

    /** What a running block sees of the engine. */
    private static final class Context implements BlockContext {
        private final Path dir;
        private final Path values;
        private final WorkflowRun run;
        private final StringBuilder stdout = new StringBuilder();
        private final java.util.function.DoubleConsumer progress;

        Context(Path dir, Path values, WorkflowRun run, java.util.function.DoubleConsumer progress) {
            this.dir = dir;
            this.values = values;
            this.run = run;
            this.progress = progress;
        }

        @Override
        public void progress(double fraction) {
            if (Double.isFinite(fraction)) {
                progress.accept(fraction);
            }
        }

        @Override
        public Path workingDirectory() {
            try {
                return Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the job folder " + dir, e);
            }
        }

        /** In the job's checkpoint folder, which outlives the run: the samples are the block's checkpoint. */
        @Override
        public org.eegworkflow.sdk.Samples.Writer newSamples(int rows, long columns) {
            return org.eegworkflow.sdk.Samples.writer(values, rows, columns);
        }

        @Override
        public synchronized void log(String line) {
            stdout.append(line).append('\n');
        }

        @Override
        public boolean isCancelled() {
            return run.isCancelled() || Thread.currentThread().isInterrupted();
        }

        synchronized String stdout() {
            return stdout.toString();
        }
    }
}
