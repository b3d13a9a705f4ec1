package io.callvault.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The server's clock ticks in microseconds, as the databases keep time (a 201's createdAt is what reads answer). */
class SystemClockTest {

    @Test
    void ticksInWholeMicroseconds() throws InterruptedException {
        Clock clock = new SystemClock().clock();
        for (int i = 0; i < 200; i++) {
            Instant now = clock.instant();
            assertThat(now.getNano() % 1_000).as(now.toString()).isZero();
            Thread.sleep(0, 1_000 + i);
        }
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }
}
