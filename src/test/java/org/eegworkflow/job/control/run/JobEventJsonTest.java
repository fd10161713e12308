package org.eegworkflow.job.control.run;

import java.util.List;

import org.eegworkflow.job.control.events.Artefacts;
import org.eegworkflow.job.control.events.JobEvent;
import org.eegworkflow.job.control.events.JobEventJson;
import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.JobStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The events' wire form, field for field as the compat event stream sends it (plus the job event's 'final'). */
class JobEventJsonTest {

    private static String wire(JobEvent event) {
        JobEvents.Event e = JobEventJson.toEvent(event);
        return e.name() + " " + e.data();
    }

    @Test
    void blockEventsAsTheStreamSendsThem() {
        assertEquals("block {\"blockId\":3,\"status\":\"RUNNING\",\"attempt\":2,\"stderr\":\"\"}",
                wire(new JobEvent.BlockStarted(3, 2)));
        assertEquals("block {\"blockId\":3,\"status\":\"COMPLETED\",\"attempt\":1,"
                        + "\"output\":{\"type\":\"STRING\",\"value\":\"42\"},\"stderr\":\"\"}",
                wire(BlockExecutor.blockEvent(3, BlockStatus.COMPLETED, new Artefacts.Shown("STRING", "42"), "", 1)));
        assertEquals("block {\"blockId\":4,\"status\":\"COMPLETED\",\"attempt\":1,"
                        + "\"output\":{\"type\":\"FILE\",\"value\":{\"filename\":\"4.csv\"}},\"stderr\":\"\"}",
                wire(BlockExecutor.blockEvent(4, BlockStatus.COMPLETED, new Artefacts.Shown("FILE", "4.csv"), "", 1)));
        assertEquals("block {\"blockId\":5,\"status\":\"FAILED\",\"attempt\":1,\"stderr\":\"no memory\"}",
                wire(BlockExecutor.blockEvent(5, BlockStatus.FAILED, null, "no memory", 1)));
        assertEquals("progress {\"blockId\":5,\"fraction\":1.0}", wire(new JobEvent.BlockProgress(5, 7)));
        assertEquals("progress {\"blockId\":5,\"fraction\":0.25}", wire(new JobEvent.BlockProgress(5, 0.25)));
    }

    @Test
    void aStoredResultIsTheSameEventAsTheLiveOne() {
        BlockRun stored = new BlockRun(1, 3, 2, BlockStatus.COMPLETED, "STRING", "42", "out", null,
                java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        assertEquals(JobEventJson.toEvent(BlockExecutor.blockEvent(3, BlockStatus.COMPLETED,
                new Artefacts.Shown("STRING", "42"), "", 2)), JobEventJson.toEvent(JobEvent.BlockEnded.of(stored)));
    }

    @Test
    void jobEventsSayWhetherTheStatusIsFinal() {
        assertEquals("job {\"status\":\"RUNNING\",\"final\":false}",
                wire(new JobEvent.StatusChanged(JobStatus.RUNNING, null)));
        assertEquals("job {\"status\":\"FAILED\",\"error\":\"a block failed\",\"final\":true}",
                wire(new JobEvent.StatusChanged(JobStatus.FAILED, "a block failed")));
        for (JobStatus status : JobStatus.values()) {
            JobEvents.Event event = JobEvents.jobEvent(status, null);
            assertEquals(status.isFinal(), event.data().getBoolean("final"), status.name());
            assertEquals(status.isFinal(), JobEventJson.ended(List.of(event)), status.name());
        }
        assertTrue(JobEventJson.ended(List.of(JobEvents.jobEvent(JobStatus.STOPPED, null))));
        assertFalse(JobEventJson.ended(List.of(JobEvents.jobEvent(JobStatus.QUEUED, null))));
    }
}
