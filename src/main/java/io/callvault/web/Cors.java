package io.callvault.web;

import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Browser applications on other origins (a CRM's page calling the native API) may call CallVault only from the
 * origins listed in {@code CALLVAULT_CORS_ALLOWED_ORIGINS} (comma-separated, e.g. {@code https://crm.example.com});
 * none by default. Credentials travel in the Authorization header, never in cookies, so none are allowed. A filter,
 * not Spring MVC's CORS mappings, so that the audio endpoints, which answer ahead of MVC, follow the same rules.
 */
@Configuration(proxyBeanMethods = false)
class Cors {

    /** Before the audio endpoints ({@code delivery.AudioEndpoints}) and everything behind them. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 7;

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(@Value("${callvault.cors.allowed-origins:}") String allowed) {
        List<String> origins = Arrays.stream(allowed.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toList();
        CorsConfiguration cors = new CorsConfiguration();
        if (!origins.isEmpty()) {
            cors.setAllowedOrigins(origins);
            cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Range", "If-Range", "If-None-Match",
                    "If-Match", "If-Modified-Since", "If-Unmodified-Since"));
            cors.setExposedHeaders(List.of("Content-Range", "Accept-Ranges", "Content-Length", "Content-Disposition",
                    "ETag", "Last-Modified", "Retry-After", "WWW-Authenticate"));
            cors.setAllowCredentials(false);
            cors.setMaxAge(3600L);
        }
        // a WebSocket handshake is no CORS request (browsers send no preflight for it): each live endpoint checks
        // the Origin itself, and a platform's Origin must not be refused here
        CorsConfigurationSource source = request -> "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE)) ? null : cors;
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(ORDER);
        registration.setEnabled(!origins.isEmpty()); // without origins, a request with an Origin passes as before
        return registration;
    }
}
