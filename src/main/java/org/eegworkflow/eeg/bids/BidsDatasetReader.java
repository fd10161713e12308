package org.eegworkflow.eeg.bids;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eegworkflow.eeg.io.RecordingHeader;
import org.eegworkflow.sdk.DatasetDescription;
import org.eegworkflow.sdk.DatasetReader;
import org.eegworkflow.sdk.RecordingDescription;

/** {@link BidsLayout} as the SDK's dataset reader: format {@code "BIDS"} or {@code "files"}. */
public final class BidsDatasetReader implements DatasetReader {

    @Override
    public DatasetDescription describe(Path folder, String relativeFolder) {
        BidsDataset dataset = BidsLayout.read(folder, relativeFolder);
        List<RecordingDescription> recordings = new ArrayList<>();
        for (BidsRecording r : dataset.recordings()) {
            RecordingHeader h = r.header();
            recordings.add(new RecordingDescription(r.path(), r.subject(), r.session(), r.task(), r.run(),
                    r.format().label(), h == null ? null : h.channelCount(), h == null ? null : h.samplingRate(),
                    h == null ? null : h.durationSeconds(), r.badChannels(), r.eventCounts()));
        }
        return new DatasetDescription(dataset.bids() ? "BIDS" : "files", recordings, dataset.problems());
    }
}
