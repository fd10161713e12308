package org.eegworkflow.job.control.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.Json;

import org.eegworkflow.job.entity.JobStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Following a job that runs on another node: what changed in the database reaches each listener once. */
class JobEventsTest {
    private final JobEvents events = new JobEvents();
    private final AtomicReference<List<JobEvents.Event>> database = new AtomicReference<>();
    private volatile boolean deleted;

    private static final class Recorder implements JobEvents.Listener {
        final List<String> got = new ArrayList<>();
        boolean ended;

        @Override
        public void on(JobEvents.Event event) {
            got.add(event.name() + " " + event.data());
        }

        @Override
        public void end() {
            ended = true;
        }
    }

    private static JobEvents.Event block(int id, String status) {
        return new JobEvents.Event("block", Json.createObjectBuilder().add("blockId", id).add("status", status)
                .build());
    }

    private Recorder follow() {
        Recorder recorder = new Recorder();
        events.follow(7, () -> {
            if (deleted) {
                throw new IllegalStateException("job 7 not found");
            }
            return database.get();
        }, snapshot -> {
            String status = snapshot.get(snapshot.size() - 1).data().getString("status");
            return !status.equals("RUNNING") && !status.equals("QUEUED");
        }, recorder);
        return recorder;
    }

    @Test
    void aRefreshSendsEachListenerOnlyWhatChangedSinceItLastHeard() {
        database.set(List.of(JobEvents.jobEvent(JobStatus.RUNNING, null)));
        Recorder early = follow();
        database.set(List.of(block(1, "COMPLETED"), JobEvents.jobEvent(JobStatus.RUNNING, null)));
        Recorder late = follow();
        assertEquals(1, early.got.size());
        assertEquals(2, late.got.size());

        events.refresh(7);
        assertEquals(List.of("block {\"blockId\":1,\"status\":\"COMPLETED\"}"), early.got.subList(1, 2));
        assertEquals(2, early.got.size());
        assertEquals(2, late.got.size(), "nothing new for the listener that joined later");

        events.refresh(7);
        assertEquals(2, early.got.size(), "a refresh without a change sends nothing");
        assertEquals(java.util.Set.of(7L), events.followed());
    }

    @Test
    void theJobsEndEndsEveryListener() {
        database.set(List.of(block(1, "COMPLETED"), JobEvents.jobEvent(JobStatus.RUNNING, null)));
        Recorder listener = follow();
        database.set(List.of(block(1, "COMPLETED"), block(2, "FAILED"),
                JobEvents.jobEvent(JobStatus.FAILED, "node a stopped answering")));
        events.refresh(7);
        assertTrue(listener.ended);
        assertEquals(4, listener.got.size(), listener.got.toString());
        assertTrue(listener.got.get(3).startsWith("job "), "the job's end comes last");
        assertEquals(java.util.Set.of(), events.followed());
    }

    @Test
    void aJobThatCannotBeReadAnyMoreEndsItsStreams() {
        database.set(List.of(JobEvents.jobEvent(JobStatus.RUNNING, null)));
        Recorder listener = follow();
        events.refresh(7);
        assertFalse(listener.ended);
        deleted = true;
        events.refresh(7);
        assertTrue(listener.ended);
        assertEquals(java.util.Set.of(), events.followed());
    }
}
