package io.callvault.support;

import java.util.Random;

/**
 * The seed of a randomized test: {@code -Dcallvault.test.seed=N} when given (to reproduce a failure), else a new one.
 * Everything the test draws comes from one {@link Random} with it, so the same seed draws the same cases.
 */
public final class Seeds {

    private Seeds() {
    }

    public static long seed() {
        String given = System.getProperty("callvault.test.seed");
        return given == null || given.isBlank() ? new Random().nextLong() : Long.parseLong(given.strip());
    }

    public static String describe(long seed) {
        return "seed " + seed + ", reproduce with -Dcallvault.test.seed=" + seed;
    }
}
