package org.eegworkflow.eeg.blocks;

import java.util.Locale;

import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.eeg.dsp.Rejection;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/**
 * Drops epochs whose EEG amplitude is out of range, as MNE's {@code epochs.drop_bad(reject=dict(eeg=R),
 * flat=dict(eeg=F))}: peak-to-peak above {@code Reject} or below {@code Flat} on any EEG channel that is not bad.
 * The log is MNE's drop log: each dropped epoch, its event and the channels that made it go.
 */
@BlockType(name = "RejectEpochs", family = "PreProcessing", memoryMb = 64,
        description = "Drops epochs with a peak-to-peak EEG amplitude above Reject or below Flat (MNE's"
                + " reject=/flat=), logging which epoch went for which channels.")
public class RejectEpochs {

    @BlockInput(name = "Epochs", type = EegTypes.EPOCHS)
    Epochs epochs;

    /** Optional, default 150. The largest peak-to-peak amplitude kept, in µV; None keeps any. */
    @BlockProperty(name = "Reject (µV)", type = Types.NUMBER, defaultValue = "150",
            description = "Peak-to-peak in µV above which an epoch is dropped (MNE reject=dict(eeg=150e-6));"
                    + " None: no limit.")
    Double reject = 150.;

    /** Optional, default None. The smallest peak-to-peak amplitude kept, in µV. */
    @BlockProperty(name = "Flat (µV)", type = Types.NUMBER, defaultValue = "None",
            description = "Peak-to-peak in µV below which an epoch is dropped as flat (MNE flat=); None: no limit.")
    Double flat;

    @BlockOutput(name = "Epochs", type = EegTypes.EPOCHS)
    Epochs output;

    @BlockExecute
    public String execute(BlockContext context) {
        if (reject != null && !(reject > 0)) {
            throw new IllegalArgumentException("property 'Reject (µV)': must be above 0 µV, not " + reject);
        }
        if (flat != null && !(flat >= 0)) {
            throw new IllegalArgumentException("property 'Flat (µV)': must be 0 µV or more, not " + flat);
        }
        Rejection.Result result = Rejection.apply(epochs, reject == null ? null : reject * 1e-6,
                flat == null ? null : flat * 1e-6);
        output = result.kept();
        for (Rejection.Dropped d : result.dropped()) {
            context.log(String.format(Locale.ROOT, "dropped epoch %d (event %d at %.3f s): %s %s", d.epoch(),
                    d.eventId(), d.eventSample() / epochs.samplingRate(), d.flat() ? "flat on" : "too large on",
                    String.join(", ", d.channels())));
        }
        int total = epochs.epochCount();
        return String.format(Locale.ROOT, "kept %d of %d epochs (%.1f %% dropped%s%s)", output.epochCount(), total,
                total == 0 ? 0 : 100.0 * result.dropped().size() / total,
                reject == null ? "" : ", reject " + Recordings.number(reject) + " µV",
                flat == null ? "" : ", flat " + Recordings.number(flat) + " µV");
    }
}
