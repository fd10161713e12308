package org.eegworkflow.job.batch;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.batch.runtime.context.JobContext;

import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.lifecycle.Dispatchers;
import org.eegworkflow.job.control.lifecycle.JobDispatcher;
import org.eegworkflow.job.control.lifecycle.JobLauncher;
import org.eegworkflow.job.control.lifecycle.JobLifecycle;
import org.eegworkflow.job.control.lifecycle.Lifecycles;
import org.eegworkflow.job.control.run.MemoryNeed;
import org.eegworkflow.job.control.run.WorkflowRun;
import org.eegworkflow.job.control.run.WorkflowRuns;
import org.eegworkflow.job.control.store.JobStore;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.testblocks.Failure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch artifacts when a Throwable hits them: the admission, the opening of the run and a worker. The job ends FAILED with
 * the reason (or is handed on to end so), its place is freed, and the next job is admitted.
 */
class BatchArtifactsErrorsTest {
    private final List<String> ends = new ArrayList<>();
    private final List<Failure> loadFailures = new ArrayList<>();
    private Job stored;
    private MemoryNeed need = MemoryNeed.UNKNOWN;
    private Failure openFailure;
    private Settings settings;
    private DatabaseRetry retry;
    private JobDispatcher dispatcher;
    private JobStore store;
    private WorkflowRuns runs;

    @BeforeEach
    void setUp() {
        settings = new Settings() {
            @Override
            public String node() {
                return "here";
            }

            @Override
            public long memoryBudgetMb() {
                return 500;
            }
        };
        DatabaseRetry retry = new DatabaseRetry() {
            @Override
            public <R> R call(String what, Supplier<R> action) {
                return call(what, Duration.ofSeconds(1), action);
            }

            @Override
            public void later(Runnable task, Duration delay) {
            }
        };
        this.retry = retry;
        dispatcher = Dispatchers.of(settings, new JobLauncher() {
            @Override
            public long launch(long jobRowId) {
                return jobRowId + 1000;
            }
        }, retry);
        store = new JobStore() {
            @Override
            public Job load(long jobId) {
                if (!loadFailures.isEmpty()) {
                    loadFailures.remove(0).raise();
                }
                return stored;
            }

            @Override
            public boolean finishIf(long jobId, JobStatus expected, String node, JobStatus status, String error,
                    long nowMillis) {
                if (expected != JobStatus.QUEUED) {
                    return false;
                }
                ends.add(jobId + " " + status + ": " + error);
                return true;
            }

            @Override
            public boolean markRunning(long jobId, long executionId, String node, long nowMillis) {
                return true;
            }
        };
        runs = new WorkflowRuns() {
            @Override
            public MemoryNeed need(Job job) {
                return need;
            }

            @Override
            public WorkflowRun open(long jobId) {
                openFailure.raise();
                return null;
            }
        };
    }

    private static JobContext context(long executionId) {
        Object[] userData = {null};
        return (JobContext) Proxy.newProxyInstance(JobContext.class.getClassLoader(), new Class<?>[]{JobContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getExecutionId" -> executionId;
                    case "setTransientUserData" -> {
                        userData[0] = args[0];
                        yield null;
                    }
                    case "getTransientUserData" -> userData[0];
                    default -> null;
                });
    }

    private AdmitBatchlet admission(long jobId, long executionId) {
        AdmitBatchlet admit = new AdmitBatchlet();
        admit.jobRowId = Long.toString(jobId);
        admit.jobContext = context(executionId);
        admit.lifecycle = lifecycle();
        return admit;
    }

    private JobLifecycle lifecycle;

    /** One lifecycle for the test, as the server has one. */
    private JobLifecycle lifecycle() {
        if (lifecycle == null) {
            lifecycle = Lifecycles.of(store, dispatcher, runs, new JobEvents(), retry, settings, new JobLauncher());
        }
        return lifecycle;
    }

    private Job queued() {
        Job job = new Job(7, "{\"blocks\": [], \"edges\": []}", "", Instant.now(), "here");
        return job;
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void anAdmissionThatThrowsFailsTheJobWithTheReasonAndTheNextJobIsAdmitted(Failure kind) {
        loadFailures.add(kind);
        assertEquals(AdmitBatchlet.DEFERRED, admission(1, 101).process());
        assertEquals(1, ends.size(), ends.toString());
        assertTrue(ends.get(0).startsWith("1 FAILED: the server could not start this job: its admission "),
                ends.get(0));
        assertFalse(dispatcher.isRunning(1), "no place is kept for it");

        stored = queued();
        assertEquals(AdmitBatchlet.ADMITTED, admission(2, 102).process(), "the next job runs");
        assertTrue(dispatcher.isAdmitted(2, 102));
    }

    @Test
    void aJobThatCanNeverFitFailsAtOnceSayingWhatItNeedsAndWhatTheServerAllows() {
        stored = queued();
        need = new MemoryNeed(java.util.Map.of(1, 2048L), 2048, 2048);
        assertEquals(AdmitBatchlet.DEFERRED, admission(1, 101).process());
        assertEquals(1, ends.size());
        assertTrue(ends.get(0).startsWith("1 FAILED: needs about 2.0 GB for one of its blocks; this server allows jobs"
                + " 500 MB of its "), ends.get(0));
        assertFalse(dispatcher.isRunning(1));
    }

    @Test
    void aJobThatDoesNotFitNowWaitsQueuedWithTheReason() {
        stored = queued();
        need = new MemoryNeed(java.util.Map.of(1, 300L), 300, 300);
        assertEquals(AdmitBatchlet.ADMITTED, admission(1, 101).process());
        assertEquals(AdmitBatchlet.DEFERRED, admission(2, 102).process());
        assertEquals(List.of(), ends, "not failed: it waits");
        assertTrue(dispatcher.waitingReason(2).startsWith("for memory: needs about 300 MB, 200 MB free of the 500 MB"),
                dispatcher.waitingReason(2));
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void aRunThatCannotBeOpenedFailsTheJobWithTheReason(Failure kind) {
        stored = queued();
        assertEquals(AdmitBatchlet.ADMITTED, admission(1, 101).process());
        openFailure = kind;
        List<String> written = new ArrayList<>();
        JobLifecycle lifecycle = lifecycle();
        JobLifecycle recording = new JobLifecycle() {
            @Override
            public void cannotRun(long jobId, String reason) {
                written.add(reason);
                lifecycle.cannotRun(jobId, reason);
            }
        };
        RunBlocksBatchlet step = new RunBlocksBatchlet();
        step.jobRowId = "1";
        step.runs = runs;
        step.dispatcher = dispatcher;
        step.jobContext = context(101);
        step.lifecycle = recording;
        assertThrows(IllegalStateException.class, step::process, "the batch runtime gets a plain failure");
        assertEquals(1, written.size());
        assertTrue(written.get(0).startsWith("the server could not open this job's run: reading the workflow"),
                written.get(0));
    }
}
