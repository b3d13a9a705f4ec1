package io.callvault;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says, once requests are served, where the server listens and where it keeps its data. */
@Component
class ListeningBanner {

    private static final Logger log = LoggerFactory.getLogger(ListeningBanner.class);

    private final CallVaultProperties properties;

    ListeningBanner(CallVaultProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            int port = web.getWebServer().getPort();
            log.info("CallVault listening on http://localhost:{} (data in {})", port,
                    properties.dataDir().toAbsolutePath().normalize());
        }
    }
}
