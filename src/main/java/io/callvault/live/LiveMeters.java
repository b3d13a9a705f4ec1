package io.callvault.live;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The live capture's metrics: sessions open, frames and bytes taken, listeners dropped, and the sync lag. */
final class LiveMeters {

    private final MeterRegistry registry;
    private final Counter frames;
    private final Counter bytes;
    private final Counter droppedListeners;
    private final Timer syncLag;

    LiveMeters(MeterRegistry registry, Supplier<Number> openSessions) {
        this.registry = registry;
        Gauge.builder("callvault.live.sessions", openSessions).description("Live sessions being captured on this node")
                .register(registry);
        this.frames = Counter.builder("callvault.live.frames").description("Audio frames taken from live sessions")
                .register(registry);
        this.bytes = Counter.builder("callvault.live.bytes").description("Audio bytes taken from live sessions")
                .baseUnit("bytes").register(registry);
        this.droppedListeners = Counter.builder("callvault.live.listeners.dropped")
                .description("Live listeners dropped because they could not keep up").register(registry);
        this.syncLag = Timer.builder("callvault.live.sync.lag")
                .description("From live audio arriving to it being fsynced in the journal")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void frame(int length) {
        frames.increment();
        bytes.increment(length);
    }

    void synced(long lagNanos) {
        syncLag.record(Duration.ofNanos(lagNanos));
    }

    void listenerDropped() {
        droppedListeners.increment();
    }

    void ended(String protocol, String outcome) {
        Counter.builder("callvault.live.sessions.ended").description("Live sessions ended, by protocol and outcome")
                .tag("protocol", protocol).tag("outcome", outcome).register(registry).increment();
    }
}
