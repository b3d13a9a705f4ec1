package io.callvault.live;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Tomcat's WebSocket container for the live endpoints. Each protocol adapter registers its own endpoint (a
 * {@code WebSocketConfigurer} in its package). Messages up to twice the 64 KiB frame limit reach the adapter, which
 * refuses those over the limit in its protocol's terms; larger ones Tomcat closes with 1009 before buffering them.
 * A connection with no traffic either way for the idle timeout (and five seconds, so that a live session's own
 * cut-off comes first) is closed by Tomcat: that is what ends a connection that never speaks.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // the jar's commands run without a web server
@EnableWebSocket
class LiveWebSocketConfiguration {

    @Bean
    ServletServerContainerFactoryBean liveWebSocketContainer(
            @Value("${callvault.live.idle-timeout:60s}") Duration idleTimeout) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxSessionIdleTimeout(idleTimeout.plusSeconds(5).toMillis());
        container.setMaxBinaryMessageBufferSize(2 * LiveSession.MAX_FRAME);
        container.setMaxTextMessageBufferSize(2 * LiveSession.MAX_FRAME);
        return container;
    }
}
