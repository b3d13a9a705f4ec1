package io.callvault.web;

import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat answers {@code Expect: 100-continue} only once the application reads the body, so an upload refused
 * up front (too large, unauthenticated, unknown tenant) is refused before the client sends its gigabytes.
 *
 * <p>With no trusted proxy ({@code CALLVAULT_TRUSTED_PROXIES} unset, the default) Tomcat's {@link RemoteIpValve}
 * believes no forwarded header, and is left out: it still matched every request's address against its patterns
 * and set five request attributes, about 1 µs of a 64 KiB range (docs/performance.md, eighteenth round). This runs
 * after Spring Boot's own customizer, which adds the valve.
 */
@Component
class TomcatTuning implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final boolean trustsAProxy;

    TomcatTuning(@Value("${server.tomcat.remoteip.internal-proxies:}") String internalProxies,
            @Value("${server.tomcat.remoteip.trusted-proxies:}") String trustedProxies) {
        this.trustsAProxy = !internalProxies.isBlank() || !trustedProxies.isBlank();
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
        if (!trustsAProxy) {
            factory.getEngineValves().removeIf(RemoteIpValve.class::isInstance);
        }
    }
}
