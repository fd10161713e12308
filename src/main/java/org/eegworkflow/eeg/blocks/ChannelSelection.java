package org.eegworkflow.eeg.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eegworkflow.eeg.data.EegData;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.Types;

/** Keeps some channels of a recording, in the order listed (MNE's {@code pick_channels}). */
@BlockType(name = "ChannelSelection", family = "PreProcessing", memoryMb = 64,
        description = "Keeps only the listed channels, in the order listed.")
public class ChannelSelection {

    @BlockInput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData data;

    /** Required. Channel names, for example {@code Fz, Cz, Pz}; case matters only when two names differ by case alone. */
    @BlockProperty(name = "Channels", type = Types.STRING_ARRAY,
            description = "Channel names to keep, for example Fz, Cz, Pz (see ChannelNames).")
    List<String> channels = List.of();

    @BlockOutput(name = "EEGData", type = EegTypes.EEG_DATA)
    EegData output;

    @BlockExecute
    public String execute() {
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("property 'Channels' is empty: list the channels to keep, for example"
                    + " Fz, Cz, Pz");
        }
        List<String> names = data.channelNames();
        int[] picks = new int[channels.size()];
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < picks.length; i++) {
            String wanted = channels.get(i).trim();
            int index = names.indexOf(wanted);
            if (index < 0) {
                for (int j = 0; j < names.size() && index < 0; j++) {
                    if (names.get(j).toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                        index = j;
                    }
                }
            }
            if (index < 0) {
                unknown.add(wanted);
            }
            picks[i] = index;
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("property 'Channels': no channel named " + String.join(", ", unknown)
                    + " in " + data.source() + "; its channels are " + String.join(", ", names));
        }
        for (int i = 0; i < picks.length; i++) {
            for (int j = 0; j < i; j++) {
                if (picks[i] == picks[j]) {
                    throw new IllegalArgumentException("property 'Channels' lists " + names.get(picks[i]) + " twice");
                }
            }
        }
        output = data.withChannels(picks);
        return output.channelCount() + " channels: " + String.join(", ", output.channelNames());
    }
}
