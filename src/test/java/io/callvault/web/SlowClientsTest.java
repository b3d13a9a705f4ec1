package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cap on open connections follows the heap, so that many slow downloads cannot run the server out of memory. */
class SlowClientsTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void theConnectionCapIsHalfTheHeapAt160KBEachWithinTomcatsDefault() {
        assertThat(SlowClients.connectionsFor(128 * MIB)).isEqualTo(409); // the bench's small server
        assertThat(SlowClients.connectionsFor(1024 * MIB)).isEqualTo(3276);
        assertThat(SlowClients.connectionsFor(6 * 1024 * MIB)).isEqualTo(8192); // Tomcat's own default, no more
        assertThat(SlowClients.connectionsFor(16 * MIB)).isEqualTo(64); // never fewer
    }
}
