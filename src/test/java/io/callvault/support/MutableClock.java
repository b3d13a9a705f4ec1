package io.callvault.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests can move: token expiry, signed URLs and windows are tested without sleeping. */
public final class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozen;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Stops the clock where it is (it still moves by {@link #advance}), for a test of an exact boundary. */
    public Instant freeze() {
        frozen = Instant.now();
        return instant();
    }

    public void reset() {
        offset = Duration.ZERO;
        frozen = null;
    }

    @Override
    public Instant instant() {
        Instant base = frozen;
        // in whole microseconds, as the server's own clock ticks (SystemClockTest)
        return (base == null ? Instant.now() : base).plus(offset).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
