package org.eegworkflow.job.boundary;

import java.io.StringReader;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.job.control.events.JobEvent;
import org.eegworkflow.job.control.events.JobEventJson;
import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.workflow.control.WorkflowPlan;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The views render events and block results through the one serializer, and the plan's JSON as stored. */
class JobViewsTest {
    private static final String M = "Arithmetic.zip:Arithmetic";
    private static final String WORKFLOW = "{\"workflow\": {\"blocks\": [{\"id\": 1, \"type\": \"Constant\","
            + " \"module\": \"" + M + "\", \"x\": 1.50, \"values\": {\"constant value\": 2}},"
            + " {\"id\": 2, \"type\": \"Constant\", \"module\": \"" + M + "\"}], \"edges\": []}}";

    private static Job job(String workflow) throws Exception {
        Job job = new Job(1, workflow, "{}", Instant.EPOCH, "node-a");
        Field id = Job.class.getDeclaredField("id");
        id.setAccessible(true);
        id.set(job, 5L);
        Field status = Job.class.getDeclaredField("status");
        status.setAccessible(true);
        status.set(job, JobStatus.RUNNING);
        Field execution = Job.class.getDeclaredField("executionId");
        execution.setAccessible(true);
        execution.set(job, 17L);
        return job;
    }

    private static WorkflowPlan plan() {
        BlockRegistry registry = new BlockRegistry();
        registry.registerBuiltIns();
        return WorkflowPlan.compile(WORKFLOW, 10, registry);
    }

    private static final BlockRun DONE = new BlockRun(5, 1, 1, BlockStatus.COMPLETED, "STRING", "2", "said 2", null,
            Instant.EPOCH, Instant.EPOCH.plusSeconds(1));

    @Test
    void theSnapshotIsWhatTheRunningJobPublishes() throws Exception {
        Job job = job(plan().text());
        List<JobEvents.Event> snapshot = JobViews.snapshot(job, List.of(DONE), Map.of(2, Instant.EPOCH));
        assertEquals(List.of(
                JobEventJson.toEvent(new JobEvent.BlockStarted(2, 0)),
                JobEventJson.toEvent(new JobEvent.BlockEnded(1, BlockStatus.COMPLETED, 1, "STRING", "2", "")),
                JobEvents.jobEvent(JobStatus.RUNNING, null)), snapshot);
        assertEquals("{\"blockId\":1,\"status\":\"COMPLETED\",\"attempt\":1,"
                + "\"output\":{\"type\":\"STRING\",\"value\":\"2\"},\"stderr\":\"\"}", snapshot.get(1).data().toString());
    }

    @Test
    void detailsRenderABlocksOutputAsItsEventDoes() throws Exception {
        WorkflowPlan plan = plan();
        JsonObject details = JobViews.details(job(plan.text()), plan.json(), List.of(DONE), Map.of());
        JsonObject block = details.getJsonArray("executionStatus").getJsonObject(0);
        JsonObject event = JobEventJson.toEvent(JobEvent.BlockEnded.of(DONE)).data();
        assertEquals(event.get("output"), block.get("output"));
        assertEquals(event.get("status"), block.get("status"));
        assertEquals(event.get("stderr"), block.get("stderr"));
        assertEquals(event.get("attempt"), block.get("attempt"));
    }

    @Test
    void detailsFromThePlanAreByteForByteThoseFromTheStoredText() throws Exception {
        WorkflowPlan plan = plan();
        Job job = job(plan.text());
        JsonObject stored;
        try (var reader = Json.createReader(new StringReader(job.getWorkflow()))) {
            stored = reader.readObject();
        }
        String fromPlan = JobViews.details(job, plan.json(), List.of(DONE), Map.of(2, Instant.EPOCH)).toString();
        assertEquals(JobViews.details(job, stored, List.of(DONE), Map.of(2, Instant.EPOCH)).toString(), fromPlan);
        assertEquals(true, fromPlan.contains("\"x\":1.50"), fromPlan);
    }
}
