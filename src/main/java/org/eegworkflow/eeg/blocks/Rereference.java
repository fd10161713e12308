package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eegworkflow.eeg.data.ChannelKind;
import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.eeg.dsp.Referencing;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/**
 * A new reference for the EEG channels, as MNE's {@code raw.set_eeg_reference('average' | [channels])} (bad
 * channels neither in the average nor re-referenced), or bipolar derivations as
 * {@code mne.set_bipolar_reference(raw, anodes, cathodes)} when every item is a pair {@code Fp1-F3}.
 */
@BlockType(name = "Rereference", family = "PreProcessing", memoryMb = 64,
        description = "Re-references the EEG channels: average, to one or more channels (e.g. TP9, TP10), or"
                + " bipolar pairs (Fp1-F3, F3-C3), as MNE's set_eeg_reference / set_bipolar_reference.")
public class Rereference {

    @BlockInput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData data;

    /** Optional, default average. {@code average}, channel names ({@code TP9, TP10}) or pairs ({@code Fp1-F3}). */
    @BlockProperty(name = "Reference", type = Types.STRING, defaultValue = "average",
            description = "average; or channels whose mean becomes the reference (Cz, or TP9, TP10); or bipolar"
                    + " pairs anode-cathode (Fp1-F3, F3-C3).")
    String reference = "average";

    @BlockOutput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData output;

    @BlockExecute
    public String execute(BlockContext context) {
        String text = reference == null ? "" : reference.trim();
        if (text.isEmpty() || text.equalsIgnoreCase("average")) {
            int[] refs = Arrays.stream(data.channelsOfKind(ChannelKind.EEG))
                    .filter(c -> !data.info().isBad(data.channelNames().get(c))).toArray();
            if (refs.length < 2) {
                throw new IllegalArgumentException("an average reference needs at least 2 good EEG channels; "
                        + data.source() + " has " + refs.length);
            }
            output = Referencing.toChannels(data, refs, context::newSamples);
            return "average reference of " + refs.length + " EEG channels" + (data.info().bads().isEmpty() ? ""
                    : " (bad channels " + data.info().bads() + " left out and left as they were)");
        }
        List<String> items = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<Integer> anodes = new ArrayList<>();
        List<Integer> cathodes = new ArrayList<>();
        List<Integer> channels = new ArrayList<>();
        for (String item : items) {
            int index = data.channelNames().indexOf(item);
            if (index >= 0) {
                channels.add(index);
                continue;
            }
            int dash = item.indexOf('-');
            int a = dash > 0 ? data.channelNames().indexOf(item.substring(0, dash).trim()) : -1;
            int c = dash > 0 ? data.channelNames().indexOf(item.substring(dash + 1).trim()) : -1;
            if (a < 0 || c < 0) {
                throw new IllegalArgumentException("property 'Reference': '" + item + "' is neither a channel of "
                        + data.source() + " nor a pair of its channels (anode-cathode); its channels are "
                        + data.channelNames());
            }
            anodes.add(a);
            cathodes.add(c);
        }
        if (!anodes.isEmpty() && !channels.isEmpty()) {
            throw new IllegalArgumentException("property 'Reference': name either reference channels or bipolar"
                    + " pairs, not both");
        }
        if (!anodes.isEmpty()) {
            output = Referencing.bipolar(data, anodes.stream().mapToInt(Integer::intValue).toArray(),
                    cathodes.stream().mapToInt(Integer::intValue).toArray(), context::newSamples);
            return anodes.size() + " bipolar channel(s) " + output.channelNames().subList(output.channelCount()
                    - anodes.size(), output.channelCount()) + "; their anodes and cathodes dropped";
        }
        output = Referencing.toChannels(data, channels.stream().mapToInt(Integer::intValue).toArray(),
                context::newSamples);
        return "referenced to the mean of " + items;
    }
}
