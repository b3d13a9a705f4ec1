package io.callvault.web;

import java.util.Arrays;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Browser applications on other origins (a CRM's page calling the native API) may call CallVault only from the
 * origins listed in {@code CALLVAULT_CORS_ALLOWED_ORIGINS} (comma-separated, e.g. {@code https://crm.example.com});
 * none by default. Credentials travel in the Authorization header, never in cookies, so none are allowed.
 */
@Configuration(proxyBeanMethods = false)
class Cors implements WebMvcConfigurer {

    private final String[] origins;

    Cors(@Value("${callvault.cors.allowed-origins:}") String origins) {
        this.origins = Arrays.stream(origins.split(",")).map(String::strip).filter(o -> !o.isEmpty()).toArray(String[]::new);
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (origins.length == 0) {
            return;
        }
        registry.addMapping("/**")
                .allowedOrigins(origins)
                .allowedMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .allowedHeaders("Authorization", "Content-Type", "Range", "If-Range", "If-None-Match", "If-Match",
                        "If-Modified-Since", "If-Unmodified-Since")
                .exposedHeaders("Content-Range", "Accept-Ranges", "Content-Length", "Content-Disposition", "ETag",
                        "Last-Modified", "Retry-After", "WWW-Authenticate")
                .allowCredentials(false)
                .maxAge(3600);
    }
}
