package io.callvault.web;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps slow or greedy clients from starving the others: at most {@code callvault.limits.connections-per-address}
 * open connections from one address (default 256; 0 turns it off, and a deployment behind a proxy that does not
 * pass client addresses should raise it), and a request's headers must all arrive within
 * {@code callvault.limits.header-deadline} (default 20 s). Bodies have a minimum rate, enforced as they are read
 * ({@link BodySizeLimit}).
 */
@Component
class SlowClients implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final Logger log = LoggerFactory.getLogger(SlowClients.class);

    private final int connectionsPerAddress;
    private final int maxConnections;
    private final Duration headerDeadline;
    private volatile GuardedHttp11NioProtocol.GuardedEndpoint endpoint;

    SlowClients(@Value("${callvault.limits.connections-per-address:256}") int connectionsPerAddress,
            @Value("${callvault.limits.header-deadline:20s}") Duration headerDeadline,
            @Value("${callvault.limits.max-connections:0}") int maxConnections) {
        this.connectionsPerAddress = connectionsPerAddress;
        this.headerDeadline = headerDeadline;
        this.maxConnections = maxConnections > 0 ? maxConnections : connectionsFor(Runtime.getRuntime().maxMemory());
    }

    /**
     * Tomcat keeps about 100-150 KB of buffers for each open connection (its request and response buffers, held
     * while a response is sent by sendfile however long that takes), whatever the recording's size. So the number of
     * connections open at once is capped by the heap: half of it for connections at {@value #HEAP_PER_CONNECTION}
     * bytes each, between 64 and Tomcat's own default of 8,192 (reached from a 2.5 GiB heap). Further connections
     * wait in the listen queue, as they would for a busy server, instead of running the server out of memory.
     */
    static int connectionsFor(long maxHeap) {
        return (int) Math.max(64, Math.min(8192, maxHeap / 2 / HEAP_PER_CONNECTION));
    }

    private static final long HEAP_PER_CONNECTION = 160 * 1024;

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(GuardedHttp11NioProtocol.class.getName());
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof GuardedHttp11NioProtocol guarded) {
                guarded.guardedEndpoint().connectionsPerAddress(connectionsPerAddress);
                guarded.setMaxConnections(maxConnections);
                endpoint = guarded.guardedEndpoint();
            }
        });
        log.info("connections: at most {} open at once, {} from one address", maxConnections,
                connectionsPerAddress == 0 ? "any number" : connectionsPerAddress);
    }

    @Scheduled(fixedDelay = 1000)
    void closeSlowHeaders() {
        GuardedHttp11NioProtocol.GuardedEndpoint current = endpoint;
        if (current != null) {
            int closed = current.closeSlowHeaders(headerDeadline.toNanos());
            if (closed > 0) {
                log.debug("closing {} connection(s) whose request headers took longer than {}", closed, headerDeadline);
            }
        }
    }
}
