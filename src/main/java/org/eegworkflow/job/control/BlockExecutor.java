package org.eegworkflow.job.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.block.control.BlockFailedException;
import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.workflow.entity.BlockNode;

/** Takes ready blocks from a run and executes them one after another, storing each result as it finishes. */
@ApplicationScoped
public class BlockExecutor {
    private static final Logger LOG = Logger.getLogger(BlockExecutor.class.getName());
    static final String STRING = "STRING";

    @Inject
    JobStore store;

    @Inject
    Settings settings;

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
        store.blockStarted(jobId, blockId);
        Context context = new Context(jobDir(jobId), run);
        try {
            BlockInvoker.Outcome outcome = BlockInvoker.invoke(run.spec(blockId), node.values(),
                    run.inputsOf(blockId), context);
            store.blockFinished(jobId, blockId, BlockStatus.COMPLETED, outcome.display() == null ? null : STRING,
                    outcome.display(), context.stdout(), "");
            run.completed(blockId, outcome.outputs());
        } catch (BlockFailedException e) {
            LOG.log(Level.FINE, "block " + blockId + " of job row " + jobId + " failed", e);
            store.blockFinished(jobId, blockId, BlockStatus.FAILED, null, null, context.stdout(), e.getMessage());
            List<Integer> notRun = run.failed(blockId);
            store.blocksNotRun(jobId, notRun, blockId);
        } catch (RuntimeException e) {
            // the engine's own fault (for example the database): the block must still end, never stay RUNNING
            LOG.log(Level.SEVERE, "block " + blockId + " of job row " + jobId + " could not be run", e);
            List<Integer> notRun = run.failed(blockId);
            try {
                store.blockFinished(jobId, blockId, BlockStatus.FAILED, null, null, context.stdout(),
                        "the server could not run this block: " + e.getMessage());
                store.blocksNotRun(jobId, notRun, blockId);
            } catch (RuntimeException again) {
                LOG.log(Level.SEVERE, "could not record the failure of block " + blockId, again);
            }
        }
    }

    private Path jobDir(long jobId) {
        return settings.dataDir().resolve("jobs").resolve(Long.toString(jobId));
    }

    /** What a running block sees of the engine. */
    private static final class Context implements BlockContext {
        private final Path dir;
        private final WorkflowRun run;
        private final StringBuilder stdout = new StringBuilder();

        Context(Path dir, WorkflowRun run) {
            this.dir = dir;
            this.run = run;
        }

        @Override
        public Path workingDirectory() {
            try {
                return Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the job folder " + dir, e);
            }
        }

        @Override
        public synchronized void log(String line) {
            stdout.append(line).append('\n');
        }

        @Override
        public boolean isCancelled() {
            return run.isCancelled();
        }

        synchronized String stdout() {
            return stdout.toString();
        }
    }
}
