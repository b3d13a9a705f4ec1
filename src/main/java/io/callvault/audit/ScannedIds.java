package io.callvault.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spans of ids already read whole while one page is found through the runs. A batch's runs overlap (each spans
 * the ids its recording took in that batch, between the others'), so without this a filter that matches few rows
 * would read each id once per run that covers it.
 */
final class ScannedIds {

    /** Disjoint, not touching: first id to last id. */
    private final TreeMap<Long, Long> read = new TreeMap<>();

    /** The parts of {@code [first, last]} not read yet, newest first, each as {first, last}. */
    List<long[]> unread(long first, long last) {
        List<long[]> parts = new ArrayList<>();
        long top = last;
        Map.Entry<Long, Long> span = read.floorEntry(top);
        while (top >= first) {
            if (span != null && span.getValue() >= top) {
                top = span.getKey() - 1; // inside a span read: go below it
            } else {
                long bottom = Math.max(first, span == null ? first : span.getValue() + 1);
                parts.add(new long[] {bottom, top});
                top = bottom - 1;
            }
            span = top < first ? null : read.floorEntry(top);
        }
        return parts;
    }

    /** Records {@code [first, last]} as read whole, joined with the spans it meets. */
    void read(long first, long last) {
        Map.Entry<Long, Long> below = read.floorEntry(first);
        if (below != null && below.getValue() >= first - 1) {
            first = below.getKey();
            last = Math.max(last, below.getValue());
        }
        Map.Entry<Long, Long> next = read.ceilingEntry(first);
        while (next != null && next.getKey() <= last + 1) {
            last = Math.max(last, next.getValue());
            read.remove(next.getKey());
            next = read.ceilingEntry(first);
        }
        read.put(first, last);
    }
}
