package org.eegworkflow.job.control.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.stream.Collectors;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.job.control.events.JobEventJson;
import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.store.JobStore;
import org.eegworkflow.job.control.store.Stores;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.ElementRun;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.sdk.BlockModule;
import org.eegworkflow.workflow.control.WorkflowPlan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine wired by hand, without a container or a database: a {@link BlockExecutor} whose store keeps block and
 * element results in memory, whose events are names in a list, with the built-in modules (and any given) registered.
 * Runs a plan to its end on a thread as the batch step does, and opens a restart as {@code WorkflowRuns.open} does.
 */
final class HandWiredEngine {
    final Path data;
    final Map<Integer, BlockRun> results = new ConcurrentHashMap<>();
    final List<ElementRun> elements = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final BlockRegistry registry = new BlockRegistry();
    final BlockExecutor executor = new BlockExecutor();

    /** {@code data} is the data folder: jobs' checkpoints and files go below it. */
    HandWiredEngine(Path data, BlockModule... modules) {
        this.data = data;
        Settings settings = new Settings() {
            @Override
            public Path dataDir() {
                return data;
            }
        };
        registry.registerBuiltIns();
        for (BlockModule module : modules) {
            registry.register(module);
        }
        executor.store = new JobStore() {
            @Override
            public void saveResult(BlockRun result) {
                results.put(result.getBlockId(), result);
            }

            @Override
            public void saveResults(java.util.Collection<BlockRun> list) {
                list.forEach(r -> results.put(r.getBlockId(), r));
            }

            @Override
            public void saveElement(ElementRun result) {
                elements.add(result);
            }
        };
        executor.folders = Stores.folders(settings);
        executor.events = new JobEvents() {
            @Override
            public void publish(long rowId, org.eegworkflow.job.control.events.JobEvent event) {
                events.add(JobEventJson.toEvent(event).name());
            }
        };
        executor.settings = settings;
        executor.retry = new DatabaseRetry() {
            @Override
            public <R> R call(String what, java.util.function.Supplier<R> action) {
                return call(what, Duration.ofSeconds(1), action);
            }
        };
        executor.threadFactory = new ThreadFactoryForTests();
    }

    /** The checkpoint folder of job row {@code rowId}. */
    Path checkpoints(long rowId) {
        return data.resolve("checkpoints-" + rowId);
    }

    /** A first run of a plan; FILE properties are resolved in {@code filesRoot} (null: none). */
    WorkflowRun open(long rowId, WorkflowPlan plan, Map<Integer, Map<String, Object>> reused, int attempt,
                     Path filesRoot) throws Exception {
        WorkflowRun run = new WorkflowRun(rowId, plan, reused, attempt);
        run.checkpoints(Checkpoints.open(checkpoints(rowId), registry::codec));
        if (filesRoot != null) {
            run.filesRoot(filesRoot);
        }
        return run;
    }

    WorkflowRun open(long rowId, WorkflowPlan plan, Map<Integer, Map<String, Object>> reused, int attempt)
            throws Exception {
        return open(rowId, plan, reused, attempt, null);
    }

    /**
     * The next attempt of a run that ended, as {@code WorkflowRuns.open} makes it: the blocks that completed are
     * taken from their checkpoints, and of the mapped blocks that run again the elements that completed; the results
     * of everything else are forgotten. Clears {@link #results} and {@link #elements} for the new attempt.
     */
    WorkflowRun restart(WorkflowRun ended, WorkflowPlan plan, Path filesRoot) throws Exception {
        long rowId = ended.rowId();
        ended.closeCheckpoints();
        Path dir = checkpoints(rowId);
        Set<Integer> completed = results.values().stream().filter(r -> r.getStatus() == BlockStatus.COMPLETED)
                .map(BlockRun::getBlockId).collect(Collectors.toSet());
        Map<Integer, Map<String, Object>> reused = new HashMap<>(Checkpoints.read(dir, plan.specs(),
                registry::codec));
        reused.keySet().retainAll(completed);
        Map<Integer, Map<String, Map<String, Object>>> done = new HashMap<>(Checkpoints.readElements(dir,
                plan.specs(), registry::codec));
        done.keySet().removeIf(block -> reused.containsKey(block) || !plan.mapping().isMapped(block));
        for (Map.Entry<Integer, Map<String, Map<String, Object>>> block : done.entrySet()) {
            Set<String> ok = elements.stream().filter(e -> e.getBlockId() == block.getKey()
                    && e.getStatus() == BlockStatus.COMPLETED).map(ElementRun::getElementKey)
                    .collect(Collectors.toSet());
            Map<String, Map<String, Object>> kept = new java.util.LinkedHashMap<>(block.getValue());
            kept.keySet().retainAll(ok);
            block.setValue(kept);
        }
        elements.clear();
        results.clear();
        WorkflowRun again = open(rowId, plan, reused, ended.attempt() + 1, filesRoot);
        again.reusedElements(done);
        return again;
    }

    /** Runs on a thread of its own, as the batch step does, within {@code deadline}; every block must end. */
    void runToTheEnd(WorkflowRun run, Duration deadline) throws Exception {
        run.workers(2);
        List<Throwable> escaped = new CopyOnWriteArrayList<>();
        Thread step = new Thread(() -> {
            try {
                executor.run(run);
            } catch (Throwable t) {
                escaped.add(t);
            }
        });
        step.start();
        step.join(deadline.toMillis());
        assertFalse(step.isAlive(), "a worker is stuck");
        assertEquals(List.of(), escaped);
        assertTrue(run.isSettled(), "every block ended");
    }

    void runToTheEnd(WorkflowRun run) throws Exception {
        runToTheEnd(run, Duration.ofSeconds(60));
    }

    /** A thread factory as the server's managed one, for the block threads. */
    private static final class ThreadFactoryForTests implements ManagedThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "block");
            thread.setDaemon(true);
            return thread;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            return ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        }
    }
}
