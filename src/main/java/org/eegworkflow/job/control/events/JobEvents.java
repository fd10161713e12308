package org.eegworkflow.job.control.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.entity.JobStatus;

/**
 * Status changes of jobs, for live listeners (the events endpoint). A job running on this server publishes its
 * changes after they are committed; a job running on another node is followed by reading its state from the
 * database again ({@link #refresh}), and a listener gets only what changed since it last heard. A listener first gets
 * a snapshot taken under the same lock, so it never sees an older state after a newer one.
 */
@ApplicationScoped
public class JobEvents {
    private static final Logger LOG = Logger.getLogger(JobEvents.class.getName());

    private final Map<Long, List<Follower>> followers = new HashMap<>();

    /** One event on the wire: its name ("block", "progress" or "job") and its data, made by {@link JobEventJson}. */
    public record Event(String name, JsonObject data) {
        /** What the event is about: the job, or one block. A newer event about the same thing replaces it. */
        String subject() {
            return "block".equals(name) ? "block " + data.get("blockId") : name;
        }
    }

    /** Someone following a job: receives events until the job ends. */
    public interface Listener {
        void on(Event event);

        void end();
    }

    /** A listener with how to read the job's state again, and the last event it got about each subject. */
    private record Follower(Listener listener, Supplier<List<Event>> snapshot, Predicate<List<Event>> ended,
                            Map<String, JsonObject> heard) {
        void on(Event event) {
            listener.on(event);
            heard.put(event.subject(), event.data());
        }
    }

    /**
     * Registers a listener after handing it the snapshot; if the snapshot shows the job has ended, ends the listener
     * at once instead.
     *
     * @param snapshot the job's current state as events, the job event last; read again while the job runs elsewhere
     * @param ended    whether a snapshot shows a final job status
     */
    public synchronized void follow(long rowId, Supplier<List<Event>> snapshot, Predicate<List<Event>> ended,
                                    Listener listener) {
        Follower follower = new Follower(listener, snapshot, ended, new HashMap<>());
        List<Event> current = snapshot.get();
        current.forEach(follower::on);
        if (ended.test(current)) {
            listener.end();
            return;
        }
        followers.computeIfAbsent(rowId, id -> new ArrayList<>()).add(follower);
    }

    /** Something happened to a job running here: its one wire form goes to the job's listeners. */
    public void publish(long rowId, JobEvent event) {
        publish(rowId, JobEventJson.toEvent(event));
    }

    public synchronized void publish(long rowId, Event event) {
        deliver(rowId, List.of(event), false);
    }

    /** The job ended: its last event, then every listener is closed. */
    public synchronized void publishFinal(long rowId, Event event) {
        deliver(rowId, List.of(event), true);
    }

    /** The job's status changed; a final status ends every listener. */
    public void jobChanged(long rowId, JobStatus status, String error) {
        Event event = JobEventJson.toEvent(new JobEvent.StatusChanged(status, error));
        if (status.isFinal()) {
            publishFinal(rowId, event);
        } else {
            publish(rowId, event);
        }
    }

    /** The jobs someone follows now. */
    public synchronized Set<Long> followed() {
        return Set.copyOf(followers.keySet());
    }

    /**
     * Reads a followed job's state again and tells each listener what changed since it last heard; ends them when
     * the job has ended. For jobs that run on another node, whose changes are never published here.
     */
    public synchronized void refresh(long rowId) {
        List<Follower> list = followers.get(rowId);
        if (list == null || list.isEmpty()) {
            return;
        }
        Follower first = list.get(0);
        List<Event> current;
        try {
            current = first.snapshot().get();
        } catch (RuntimeException | Error e) {
            // deleted meanwhile (or the database is away): the stream ends rather than hanging on
            LOG.log(Level.FINE, "cannot read job row " + rowId + " for its listeners", e);
            deliver(rowId, List.of(), true);
            return;
        }
        for (Follower follower : List.copyOf(list)) {
            List<Event> changed = current.stream()
                    .filter(event -> !event.data().equals(follower.heard().get(event.subject()))).toList();
            try {
                changed.forEach(follower::on);
            } catch (Throwable e) {
                // an Error too: a listener must never break the job that publishes, nor other listeners
                list.remove(follower);
                ErrorReasons.restoreInterrupt(e);
                ErrorReasons.rethrowIfThreadDeath(e);
            }
        }
        if (first.ended().test(current)) {
            deliver(rowId, List.of(), true);
        }
    }

    public static Event jobEvent(JobStatus status, String error) {
        return JobEventJson.toEvent(new JobEvent.StatusChanged(status, error));
    }

    private void deliver(long rowId, List<Event> events, boolean last) {
        List<Follower> list = last ? followers.remove(rowId) : followers.get(rowId);
        if (list != null) {
            for (Follower follower : List.copyOf(list)) {
                try {
                    events.forEach(follower::on);
                    if (last) {
                        follower.listener().end();
                    }
                } catch (Throwable e) {
                    // a listener that went away (closed connection), or one that failed with an Error (no memory for
                    // its event), must not hurt the job that publishes or other listeners
                    list.remove(follower);
                    ErrorReasons.restoreInterrupt(e);
                    ErrorReasons.rethrowIfThreadDeath(e);
                }
            }
        }
    }
}
