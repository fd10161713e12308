package org.eegworkflow.eeg.classify;

/** What a long training asks of its caller: whether to stop, and where to report progress. */
public interface TrainingMonitor {
    /** A monitor that never stops and ignores progress. */
    TrainingMonitor NONE = new TrainingMonitor() {
    };

    /** True when the training should stop; it then throws {@link java.util.concurrent.CancellationException}. */
    default boolean isCancelled() {
        return false;
    }

    /** How far the training has come, 0 to 1. */
    default void progress(double fraction) {
    }

    /** A monitor for a part of this one's work, from {@code start} to {@code end} of its progress range. */
    default TrainingMonitor part(double start, double end) {
        TrainingMonitor outer = this;
        return new TrainingMonitor() {
            @Override
            public boolean isCancelled() {
                return outer.isCancelled();
            }

            @Override
            public void progress(double fraction) {
                outer.progress(start + (end - start) * Math.max(0, Math.min(1, fraction)));
            }
        };
    }
}
