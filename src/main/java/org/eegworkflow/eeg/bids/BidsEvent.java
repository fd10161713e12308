package org.eegworkflow.eeg.bids;

/**
 * One row of an {@code _events.tsv}.
 *
 * @param onset    seconds from the start of the recording
 * @param duration seconds, {@code NaN} for {@code n/a}
 * @param type     {@code trial_type} (or {@code value} where there is no {@code trial_type}), {@code null} for
 *                 {@code n/a}
 */
public record BidsEvent(double onset, double duration, String type) {
}
