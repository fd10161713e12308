package org.eegworkflow.job.boundary;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eegworkflow.job.control.events.JobEvents;

/** Forwards a job's events to one client's event stream. */
final class SseListener implements JobEvents.Listener {
    private final SseEventSink sink;
    private final Sse sse;

    SseListener(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
    }

    @Override
    public void on(JobEvents.Event event) {
        if (sink.isClosed()) {
            throw new IllegalStateException("the client closed the event stream");
        }
        sink.send(sse.newEventBuilder().name(event.name()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, event.data().toString()).build());
    }

    @Override
    public void end() {
        sink.close();
    }
}
