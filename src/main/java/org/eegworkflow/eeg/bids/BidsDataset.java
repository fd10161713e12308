package org.eegworkflow.eeg.bids;

import java.util.List;
import java.util.Map;

/**
 * A folder read by {@link BidsLayout}.
 *
 * @param bids         whether it is a BIDS dataset ({@code sub-*} folders at its top) rather than a plain folder
 * @param name         {@code Name} of {@code dataset_description.json}, or {@code null}
 * @param bidsVersion  {@code BIDSVersion} of {@code dataset_description.json}, or {@code null}
 * @param participants the rows of {@code participants.tsv} by {@code participant_id} (column to value); empty without
 *                     one
 * @param recordings   by path
 * @param problems     what is missing or could not be read, one sentence each, the dataset's own first
 */
public record BidsDataset(boolean bids, String name, String bidsVersion,
                          Map<String, Map<String, String>> participants, List<BidsRecording> recordings,
                          List<String> problems) {
    public BidsDataset {
        participants = Map.copyOf(participants);
        recordings = List.copyOf(recordings);
        problems = List.copyOf(problems);
    }
}
