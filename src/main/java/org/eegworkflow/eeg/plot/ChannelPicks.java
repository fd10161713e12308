package org.eegworkflow.eeg.plot;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns the channel names a researcher typed into channel indices, or explains which name is wrong. */
final class ChannelPicks {
    private ChannelPicks() {
    }

    /**
     * @param property the option's name as the researcher sees it, for messages (for example "Channels")
     * @return the indices of the named channels in the order named, each once; names match exactly, or else ignoring
     *         case (EDF files often spell "Fp1" as "FP1.")
     * @throws IllegalArgumentException naming the first unknown channel and listing the ones there are
     */
    static int[] resolve(List<String> available, List<String> requested, String property, String source) {
        Set<Integer> picks = new LinkedHashSet<>();
        for (String name : requested) {
            String wanted = name == null ? "" : name.trim();
            if (wanted.isEmpty()) {
                continue;
            }
            picks.add(index(available, wanted, property, source));
        }
        return picks.stream().mapToInt(Integer::intValue).toArray();
    }

    static int index(List<String> available, String wanted, String property, String source) {
        int exact = available.indexOf(wanted);
        if (exact >= 0) {
            return exact;
        }
        String folded = wanted.toLowerCase(Locale.ROOT);
        for (int i = 0; i < available.size(); i++) {
            if (available.get(i).trim().toLowerCase(Locale.ROOT).equals(folded)) {
                return i;
            }
        }
        throw new IllegalArgumentException("'" + property + "': " + source + " has no channel named '" + wanted
                + "'; its channels are " + list(available) + ": correct the name or leave '" + property
                + "' empty");
    }

    private static String list(List<String> names) {
        int shown = Math.min(names.size(), 40);
        String head = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? head + " and " + (names.size() - shown) + " more" : head;
    }
}
