package org.eegworkflow.job.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.eegworkflow.job.control.events.JobEvent;
import org.eegworkflow.job.control.events.JobEventJson;
import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.events.JobOutputs;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.ElementRun;
import org.eegworkflow.job.entity.RunResult;
import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.Job;
import org.eegworkflow.job.entity.JobSummary;
import org.eegworkflow.job.entity.RemoteTask;
import org.eegworkflow.platform.Jsons;
import org.eegworkflow.platform.Times;

/** The compat JSON of jobs: the list entry and the details with each block's results. */
final class JobViews {

    private JobViews() {
    }

    static JsonObject summary(JobSummary job) {
        return Jsons.PROVIDER.createObjectBuilder()
                .add("id", job.executionId())
                .add("startTime", Times.format(job.startInstant()))
                .add("endTime", Times.format(job.endInstant()))
                .add("status", job.status().name())
                .build();
    }

    /**
     * @param running blocks running now on this server, with their start times (their results are stored when they
     *                end)
     */
    static JsonObject details(Job job, JsonObject workflow, List<BlockRun> runs, Map<Integer, Instant> running) {
        return details(job, workflow, runs, List.of(), running, null, List.of());
    }

    /**
     * @param workflow the job's workflow JSON, as stored (from its plan when this server has it)
     * @param waiting  why a QUEUED job waits ("for memory: ..."), or null
     */
    static JsonObject details(Job job, JsonObject workflow, List<BlockRun> runs, List<ElementRun> elementRuns,
                              Map<Integer, Instant> running, String waiting) {
        return details(job, workflow, runs, elementRuns, running, waiting, List.of());
    }

    /**
     * @param remote the job's blocks and elements handed to a cluster's scheduler, in submission order: each shows
     *               {@code "executor": {"kind", "id", "node"}} of its newest
     */
    static JsonObject details(Job job, JsonObject workflow, List<BlockRun> runs, List<ElementRun> elementRuns,
                              Map<Integer, Instant> running, String waiting, List<RemoteTask> remote) {
        Map<String, RemoteTask> remoteOf = new java.util.HashMap<>();
        Map<Integer, List<RemoteTask>> remoteElements = new java.util.HashMap<>();
        for (RemoteTask task : remote) {
            remoteOf.put(task.getBlockId() + "/" + task.getElementKey(), task);
            if (task.getElementKey() != null) {
                remoteElements.computeIfAbsent(task.getBlockId(), b -> new java.util.ArrayList<>()).add(task);
            }
        }
        Map<Integer, BlockRun> byBlock = runs.stream()
                .collect(Collectors.toMap(BlockRun::getBlockId, Function.identity()));
        Map<Integer, List<ElementRun>> elementsByBlock = elementRuns.stream()
                .collect(Collectors.groupingBy(ElementRun::getBlockId));
        JsonArrayBuilder blocks = Jsons.PROVIDER.createArrayBuilder();
        for (JsonValue value : workflow.getJsonArray("blocks")) {
            JsonObject block = value.asJsonObject();
            int id = block.getInt("id");
            JsonObject withResult = withResult(block, byBlock.get(id), running.get(id), job.getAttempts());
            JsonValue executor = remoteOf.containsKey(id + "/null") ? executor(remoteOf.get(id + "/null"))
                    : remoteElements.containsKey(id) ? executor(remoteElements.get(id)) : null;
            if (executor != null) {
                withResult = Jsons.PROVIDER.createObjectBuilder(withResult).add("executor", executor).build();
            }
            List<ElementRun> elements = elementsByBlock.get(id);
            blocks.add(elements == null ? withResult : Jsons.PROVIDER.createObjectBuilder(withResult)
                    .add("elements", elements(elements, remoteOf)).build());
        }
        var merged = blocks.build();
        JsonObjectBuilder result = Jsons.PROVIDER.createObjectBuilder()
                .add("id", job.getExecutionId())
                .add("status", job.getStatus().name())
                .add("startTime", Times.format(job.getStartTime()))
                .add("endTime", Times.format(job.getEndTime()))
                .add("workflow", Jsons.PROVIDER.createObjectBuilder()
                        .add("blocks", merged)
                        .add("edges", workflow.containsKey("edges") ? workflow.get("edges")
                                : JsonValue.EMPTY_JSON_ARRAY))
                .add("executionStatus", merged)
                .add("attempts", job.getAttempts());
        if (job.getError() != null) {
            result.add("error", job.getError());
        }
        if (waiting != null) {
            result.add("waiting", waiting);
        }
        return result.build();
    }

    /** The job's current state as events: one per block that has a result, then the job's status. */
    static List<JobEvents.Event> snapshot(Job job, List<BlockRun> runs, Map<Integer, Instant> running) {
        return snapshot(job, runs, List.of(), running);
    }

    /** As {@link #snapshot(Job, List, Map)}, with an event per element that ended, before its block's. */
    static List<JobEvents.Event> snapshot(Job job, List<BlockRun> runs, List<ElementRun> elements,
                                          Map<Integer, Instant> running) {
        List<JobEvent> events = new java.util.ArrayList<>();
        running.keySet().stream().sorted().forEach(block -> events.add(new JobEvent.BlockStarted(block,
                job.getAttempts())));
        elements.forEach(element -> events.add(JobEvent.ElementEnded.of(element)));
        runs.forEach(run -> events.add(JobEvent.BlockEnded.of(run)));
        events.add(new JobEvent.StatusChanged(job.getStatus(), job.getError()));
        // the same wire form the running job publishes: a follower cannot tell a snapshot from the live events
        return events.stream().map(JobEventJson::toEvent).toList();
    }

    /** One entry per element of a block that runs once per element: its key, status, output and streams. */
    private static JsonArrayBuilder elements(List<ElementRun> elements, Map<String, RemoteTask> remote) {
        JsonArrayBuilder list = Jsons.PROVIDER.createArrayBuilder();
        for (ElementRun element : elements) {
            JsonObjectBuilder entry = Jsons.PROVIDER.createObjectBuilder().add("key", element.getElementKey())
                    .add("status", element.getStatus().name());
            if (element.getOutputType() != null) {
                entry.add("output", JobOutputs.json(element.getOutputType(), element.getOutputValue()));
            }
            RemoteTask task = remote.get(element.getBlockId() + "/" + element.getElementKey());
            if (task != null) {
                entry.add("executor", executor(task));
            }
            list.add(streams(entry.add("error", element.getStatus() == BlockStatus.FAILED), element));
        }
        return list;
    }

    /** Where a block or an element ran: the scheduler's job id and node. */
    private static JsonObject executor(RemoteTask task) {
        JsonObjectBuilder json = Jsons.PROVIDER.createObjectBuilder().add("kind", task.getKind())
                .add("id", task.getRemoteId());
        return (task.getNode() == null ? json.addNull("node") : json.add("node", task.getNode())).build();
    }

    /** Where a mapped block's elements ran: its job array (the newest) and the nodes its tasks ran on. */
    private static JsonObject executor(List<RemoteTask> tasks) {
        RemoteTask newest = tasks.get(tasks.size() - 1);
        String id = newest.getRemoteId().contains("_")
                ? newest.getRemoteId().substring(0, newest.getRemoteId().indexOf('_')) : newest.getRemoteId();
        String nodes = tasks.stream().map(RemoteTask::getNode).filter(java.util.Objects::nonNull).distinct().sorted()
                .collect(Collectors.joining(","));
        JsonObjectBuilder json = Jsons.PROVIDER.createObjectBuilder().add("kind", newest.getKind()).add("id", id);
        return (nodes.isEmpty() ? json.addNull("node") : json.add("node", nodes)).build();
    }

    private static JsonObject withResult(JsonObject block, BlockRun run, Instant runningSince, int attempt) {
        JsonObjectBuilder merged = Jsons.PROVIDER.createObjectBuilder(block);
        BlockStatus status = run != null ? run.getStatus()
                : runningSince != null ? BlockStatus.RUNNING : BlockStatus.WAITING;
        if (run != null && run.getOutputType() != null) {
            merged.add("output", JobOutputs.json(run.getOutputType(), run.getOutputValue()));
        }
        merged.add("status", status.name())
                .add("completed", status == BlockStatus.COMPLETED)
                .add("error", status == BlockStatus.FAILED);
        if (run != null) {
            return streams(merged, run).build();
        }
        // no result yet: waiting, or running here since then
        return merged.add("stdout", "").add("stderr", "")
                .add("startTime", Times.format(runningSince))
                .add("endTime", Times.format(null))
                .add("attempt", runningSince != null ? attempt : 0)
                .add("reusedFrom", JsonValue.NULL)
                .add("ranBecause", JsonValue.NULL)
                .build();
    }

    /** What a block's and an element's stored results show alike: streams, times, attempt, and the cache's word. */
    private static JsonObjectBuilder streams(JsonObjectBuilder json, RunResult<?> run) {
        return json.add("stdout", run.getStdout() == null ? "" : run.getStdout())
                .add("stderr", run.getStderr() == null ? "" : run.getStderr())
                .add("startTime", Times.format(run.getStartTime()))
                .add("endTime", Times.format(run.getEndTime()))
                .add("attempt", run.getAttempt())
                .add("reusedFrom", reusedFrom(run.getReusedFromJob(), run.getReusedFromBlock()))
                .add("ranBecause", text(run.getRanBecause()));
    }

    /** Where a result the cache had came from: {@code {"job": N, "block": M}}, or null when it ran here. */
    private static JsonValue reusedFrom(Long job, Integer block) {
        if (block == null) {
            return JsonValue.NULL;
        }
        JsonObjectBuilder from = Jsons.PROVIDER.createObjectBuilder();
        if (job == null) {
            from.addNull("job");
        } else {
            from.add("job", job);
        }
        return from.add("block", block).build();
    }

    private static JsonValue text(String value) {
        return value == null ? JsonValue.NULL : Jsons.PROVIDER.createValue(value);
    }
}
