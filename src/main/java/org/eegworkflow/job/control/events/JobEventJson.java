package org.eegworkflow.job.control.events;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.eegworkflow.job.entity.BlockStatus;
import org.eegworkflow.job.entity.JobStatus;
import org.eegworkflow.platform.Jsons;

/**
 * The one wire form of {@link JobEvent}s: the event's name ("job", "block", "element", "progress") and its JSON data, as the
 * event stream sends them and the job views render a block's output. A job event carries {@code final}, so a client
 * learns from the server, not from a list of its own, that the job has ended.
 */
public final class JobEventJson {

    private JobEventJson() {
    }

    public static JobEvents.Event toEvent(JobEvent event) {
        if (event instanceof JobEvent.StatusChanged changed) {
            JsonObjectBuilder data = Jsons.PROVIDER.createObjectBuilder().add("status", changed.status().name());
            if (changed.error() != null) {
                data.add("error", changed.error());
            }
            return new JobEvents.Event("job", data.add("final", changed.status().isFinal()).build());
        }
        if (event instanceof JobEvent.BlockStarted started) {
            return block(started.blockId(), BlockStatus.RUNNING, started.attempt(), null, null, "");
        }
        if (event instanceof JobEvent.BlockEnded ended) {
            return block(ended.blockId(), ended.status(), ended.attempt(), ended.outputType(), ended.outputValue(),
                    ended.stderr());
        }
        if (event instanceof JobEvent.ElementEnded element) {
            JsonObjectBuilder data = Jsons.PROVIDER.createObjectBuilder().add("blockId", element.blockId())
                    .add("key", element.key()).add("status", element.status().name())
                    .add("attempt", element.attempt());
            if (element.outputType() != null) {
                data.add("output", JobOutputs.json(element.outputType(), element.outputValue()));
            }
            return new JobEvents.Event("element", data.add("stderr", element.stderr()).build());
        }
        JobEvent.BlockProgress progress = (JobEvent.BlockProgress) event;
        return new JobEvents.Event("progress", Jsons.PROVIDER.createObjectBuilder()
                .add("blockId", progress.blockId()).add("fraction", progress.fraction()).build());
    }

    private static JobEvents.Event block(int blockId, BlockStatus status, int attempt, String outputType,
                                         String outputValue, String stderr) {
        JsonObjectBuilder data = Jsons.PROVIDER.createObjectBuilder().add("blockId", blockId)
                .add("status", status.name()).add("attempt", attempt);
        if (outputType != null) {
            data.add("output", JobOutputs.json(outputType, outputValue));
        }
        return new JobEvents.Event("block", data.add("stderr", stderr).build());
    }

    /** Every job status and the final ones, for a client that must know when a job has ended. */
    public static JsonObject statuses() {
        var all = Jsons.PROVIDER.createArrayBuilder();
        var ended = Jsons.PROVIDER.createArrayBuilder();
        for (JobStatus status : JobStatus.values()) {
            all.add(status.name());
            if (status.isFinal()) {
                ended.add(status.name());
            }
        }
        return Jsons.PROVIDER.createObjectBuilder().add("statuses", all).add("final", ended).build();
    }

    /** Whether a snapshot (the job event last) shows the job has ended: the server's {@code isFinal}, as sent. */
    public static boolean ended(List<JobEvents.Event> snapshot) {
        JsonObject last = snapshot.get(snapshot.size() - 1).data();
        return last.getBoolean("final", false);
    }
}
