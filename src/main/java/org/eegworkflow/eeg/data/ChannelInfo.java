package org.eegworkflow.eeg.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What MNE-Python keeps in {@code Info} about channels beyond their names and kinds: sensor positions and the bad
 * channels ({@code info['bads']}). Recordings and epochs carry it through every block that keeps their channels, so
 * a montage set at the start of a workflow still places the channels of a topomap at its end, and a channel marked
 * bad in the viewer is left out of ICA and interpolated by InterpolateBads.
 *
 * @param positions channel name to its position {x, y, z} in metres, in MNE's head frame (x to the right ear, y to
 *                  the nasion, z up); channels without a position are absent
 * @param bads      the bad channels, in the order they were marked
 */
public record ChannelInfo(Map<String, double[]> positions, List<String> bads) {

    /** No positions, no bad channels: what a reader gives before a montage or a channels.tsv says more. */
    public static final ChannelInfo NONE = new ChannelInfo(Map.of(), List.of());

    public ChannelInfo {
        Map<String, double[]> copy = new LinkedHashMap<>();
        positions.forEach((name, xyz) -> {
            if (xyz == null || xyz.length != 3) {
                throw new IllegalArgumentException("the position of channel " + name + " must be x, y, z");
            }
            copy.put(Objects.requireNonNull(name, "channel name"), xyz.clone());
        });
        positions = Collections.unmodifiableMap(copy);
        bads = List.copyOf(new LinkedHashSet<>(bads));
    }

    /** The position of a channel (a copy), or {@code null} when it has none. */
    public double[] position(String channel) {
        double[] xyz = positions.get(channel);
        return xyz == null ? null : xyz.clone();
    }

    public boolean hasPosition(String channel) {
        return positions.containsKey(channel);
    }

    public boolean isBad(String channel) {
        return bads.contains(channel);
    }

    /** The same positions with these bad channels instead. */
    public ChannelInfo withBads(Collection<String> newBads) {
        return new ChannelInfo(positions, new ArrayList<>(newBads));
    }

    /** The same bad channels with these positions instead. */
    public ChannelInfo withPositions(Map<String, double[]> newPositions) {
        return new ChannelInfo(newPositions, bads);
    }

    /** Only what concerns these channels (after a channel selection), in the given order of names. */
    public ChannelInfo restrictTo(Collection<String> channels) {
        Map<String, double[]> kept = new LinkedHashMap<>();
        for (String name : channels) {
            if (positions.containsKey(name)) {
                kept.put(name, positions.get(name));
            }
        }
        return new ChannelInfo(kept, bads.stream().filter(channels::contains).toList());
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ChannelInfo that) || !bads.equals(that.bads)
                || !positions.keySet().equals(that.positions.keySet())) {
            return false;
        }
        return positions.entrySet().stream()
                .allMatch(e -> java.util.Arrays.equals(e.getValue(), that.positions.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(bads, positions.keySet());
    }

    @Override
    public String toString() {
        return "ChannelInfo[" + positions.size() + " positions, bads=" + bads + "]";
    }
}
