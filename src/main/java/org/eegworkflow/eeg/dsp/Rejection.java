package org.eegworkflow.eeg.dsp;

import java.util.ArrayList;
import java.util.List;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EpochWindows;
import org.eegworkflow.eeg.data.Epochs;
import org.eegworkflow.sdk.Samples;

/**
 * Drops epochs as MNE 1.3's {@code epochs.drop_bad(reject=dict(eeg=...), flat=dict(eeg=...))} does
 * ({@code _is_good}): an epoch goes when any EEG channel that is not bad has a peak-to-peak amplitude above
 * {@code reject} or below {@code flat} (volts). Peak-to-peak does not change with the baseline, so the epochs are
 * read as they are, a row at a time.
 */
public final class Rejection {

    /** Why an epoch went: its index in the input, its event, and the channels over (or under) the threshold. */
    public record Dropped(int epoch, int eventSample, int eventId, List<String> channels, boolean flat) {
    }

    public record Result(Epochs kept, List<Dropped> dropped) {
    }

    private Rejection() {
    }

    /** {@code reject} or {@code flat} may be null (not checked). */
    public static Result apply(Epochs epochs, Double reject, Double flat) {
        if (epochs.averaged()) {
            throw new IllegalArgumentException("the input is an average: connect the epochs before averaging");
        }
        int channels = epochs.channelCount();
        int[] eeg = epochs.channelsOfKind(ChannelKind.EEG);
        List<Integer> keep = new ArrayList<>();
        List<Dropped> dropped = new ArrayList<>();
        double[] row = new double[epochs.timeCount()];
        for (int e = 0; e < epochs.epochCount(); e++) {
            List<String> over = new ArrayList<>();
            List<String> under = new ArrayList<>();
            for (int c : eeg) {
                String name = epochs.channelNames().get(c);
                if (epochs.info().isBad(name)) {
                    continue;
                }
                epochs.samples().read(epochs.row(e, c), 0, row, 0, row.length);
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double v : row) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                double delta = max - min;
                if (reject != null && delta > reject) {
                    over.add(name);
                }
                if (flat != null && delta < flat) {
                    under.add(name);
                }
            }
            // MNE checks reject before flat and names the first criterion that fails
            if (!over.isEmpty() || !under.isEmpty()) {
                boolean isFlat = over.isEmpty();
                dropped.add(new Dropped(e, epochs.eventSamples()[e], epochs.eventIds()[e], isFlat ? under : over,
                        isFlat));
            } else {
                keep.add(e);
            }
        }
        int[] kept = keep.stream().mapToInt(Integer::intValue).toArray();
        return new Result(select(epochs, kept), dropped);
    }

    /** The epochs at these indices, their samples still windows of the recording where they were. */
    public static Epochs select(Epochs epochs, int[] kept) {
        int channels = epochs.channelCount();
        Samples samples;
        if (epochs.samples() instanceof EpochWindows windows) {
            int[] firsts = new int[kept.length];
            double[] means = new double[kept.length * channels];
            for (int i = 0; i < kept.length; i++) {
                firsts[i] = windows.firstSamples()[kept[i]];
                System.arraycopy(windows.means(), kept[i] * channels, means, i * channels, channels);
            }
            samples = new EpochWindows(windows.recording(), firsts, windows.timeCount(), windows.corrected(), means);
        } else {
            int[] rows = new int[kept.length * channels];
            for (int i = 0; i < kept.length; i++) {
                for (int c = 0; c < channels; c++) {
                    rows[i * channels + c] = kept[i] * channels + c;
                }
            }
            samples = epochs.samples().selectRows(rows);
        }
        int[] eventSamples = new int[kept.length];
        int[] eventIds = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            eventSamples[i] = epochs.eventSamples()[kept[i]];
            eventIds[i] = epochs.eventIds()[kept[i]];
        }
        return new Epochs(epochs.source(), epochs.samplingRate(), epochs.channelNames(), epochs.channelKinds(),
                epochs.times(), samples, eventSamples, eventIds, epochs.idsByDescription(), false, 1, epochs.info(),
                epochs.condition());
    }
}
