package io.callvault.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says, once requests are served, where the server listens and where it keeps its data; and leaves the port in
 * {@code <data>/server.port} while it serves, so that the jar's commands can find it (see {@code RunningServer}).
 */
@Component
class ListeningBanner {

    private static final Logger log = LoggerFactory.getLogger(ListeningBanner.class);

    private final CallVaultProperties properties;
    private Path portFile;

    ListeningBanner(CallVaultProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) throws IOException {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            int port = web.getWebServer().getPort();
            Path dataDir = properties.dataDir().toAbsolutePath().normalize();
            log.info("CallVault listening on http://localhost:{} (data in {})", port, dataDir);
            portFile = dataDir.resolve("server.port");
            Files.deleteIfExists(portFile);
            OwnerOnly.newFile(portFile);
            Files.writeString(portFile, port + "\n");
        }
    }

    @EventListener
    void closing(ContextClosedEvent event) throws IOException {
        if (portFile != null && event.getApplicationContext() instanceof WebServerApplicationContext) {
            Files.deleteIfExists(portFile);
        }
    }
}
