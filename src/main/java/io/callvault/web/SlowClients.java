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
    private final Duration headerDeadline;
    private volatile GuardedHttp11NioProtocol.GuardedEndpoint endpoint;

    SlowClients(@Value("${callvault.limits.connections-per-address:256}") int connectionsPerAddress,
            @Value("${callvault.limits.header-deadline:20s}") Duration headerDeadline) {
        this.connectionsPerAddress = connectionsPerAddress;
        this.headerDeadline = headerDeadline;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(GuardedHttp11NioProtocol.class.getName());
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof GuardedHttp11NioProtocol guarded) {
                guarded.guardedEndpoint().connectionsPerAddress(connectionsPerAddress);
                endpoint = guarded.guardedEndpoint();
            }
        });
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
