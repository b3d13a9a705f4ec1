package io.callvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The unread parts of a span, against a set of every id read, over many random spans (seeded: a failure repeats). */
class ScannedIdsTest {

    @Test
    void unreadPartsAreExactlyTheIdsNotReadNewestFirst() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            ScannedIds scanned = new ScannedIds();
            BitSet read = new BitSet();
            for (int step = 0; step < 40; step++) {
                int first = 1 + random.nextInt(300);
                int last = first + random.nextInt(40);
                List<long[]> parts = scanned.unread(first, last);
                BitSet expected = new BitSet();
                expected.set(first, last + 1);
                expected.andNot(read);
                BitSet got = new BitSet();
                long below = Long.MAX_VALUE;
                for (long[] part : parts) {
                    assertThat(part[0]).as("seed %d: a part is a span", seed).isLessThanOrEqualTo(part[1]);
                    assertThat(part[1]).as("seed %d: newest first, apart", seed).isLessThan(below - 1);
                    below = part[0];
                    got.set((int) part[0], (int) part[1] + 1);
                }
                assertThat(got).as("seed %d step %d", seed, step).isEqualTo(expected);
                if (random.nextInt(3) > 0) { // a page that filled stops before it has read a span whole
                    for (long[] part : parts) {
                        scanned.read(part[0], part[1]);
                        read.set((int) part[0], (int) part[1] + 1);
                    }
                }
            }
        }
    }
}
