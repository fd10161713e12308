package org.eegworkflow.job.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

import org.eegworkflow.platform.Jsons;
import org.eegworkflow.job.entity.JobStatus;

/**
 * Status changes of running jobs, for live listeners (the events endpoint). Published after the change is committed;
 * a listener first gets a snapshot taken under the same lock, so it never sees an older state after a newer one.
 */
@ApplicationScoped
public class JobEvents {
    private final Map<Long, List<Listener>> listeners = new HashMap<>();

    /** One event: its name ("block" or "job") and its JSON data. */
    public record Event(String name, JsonObject data) {
    }

    /** Someone following a job: receives events until the job ends. */
    public interface Listener {
        void on(Event event);

        void end();
    }

    /**
     * Registers a listener after handing it the snapshot; if the snapshot shows the job has ended, ends the listener
     * at once instead.
     *
     * @param snapshot the job's current state as events, the job event last
     * @param ended    whether the snapshot shows a final job status
     */
    public synchronized void follow(long jobRowId, Supplier<List<Event>> snapshot, Predicate<List<Event>> ended,
                                    Listener listener) {
        List<Event> current = snapshot.get();
        current.forEach(listener::on);
        if (ended.test(current)) {
            listener.end();
            return;
        }
        listeners.computeIfAbsent(jobRowId, id -> new ArrayList<>()).add(listener);
    }

    public synchronized void publish(long jobRowId, Event event) {
        deliver(jobRowId, listener -> listener.on(event));
    }

    /** The job ended: its last event, then every listener is closed. */
    public synchronized void publishFinal(long jobRowId, Event event) {
        deliver(jobRowId, listener -> {
            listener.on(event);
            listener.end();
        });
        listeners.remove(jobRowId);
    }

    /** The job's status changed; a final status ends every listener. */
    public void jobChanged(long jobRowId, JobStatus status, String error) {
        Event event = jobEvent(status, error);
        if (status.isFinal()) {
            publishFinal(jobRowId, event);
        } else {
            publish(jobRowId, event);
        }
    }

    public static Event jobEvent(JobStatus status, String error) {
        var data = Jsons.PROVIDER.createObjectBuilder().add("status", status.name());
        if (error != null) {
            data.add("error", error);
        }
        return new Event("job", data.build());
    }

    private void deliver(long jobRowId, Consumer<Listener> action) {
        List<Listener> list = listeners.get(jobRowId);
        if (list != null) {
            for (Listener listener : List.copyOf(list)) {
                try {
                    action.accept(listener);
                } catch (RuntimeException e) {
                    // a listener that went away (closed connection) must not hurt the job or other listeners
                    list.remove(listener);
                }
            }
        }
    }
}
