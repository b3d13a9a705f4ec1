package io.callvault.tenancy;

import java.io.IOException;

import io.callvault.web.ErrorModels;
import io.callvault.web.Failure;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator's endpoints other than health (metrics, Prometheus, info) name internal paths and load: they answer
 * only a bearer of the admin token or of {@code CALLVAULT_METRICS_TOKEN} (for a Prometheus scraper, which should not
 * hold the admin token). Health stays open: load balancers ask it with no credential. A deployment can also move
 * them all to a management port ({@code MANAGEMENT_SERVER_PORT}) reachable only from inside.
 */
@Component
class ManagementAccess extends OncePerRequestFilter {

    private final Authenticator authenticator;
    private final String metricsTokenHash;
    private final ErrorModels errors;

    ManagementAccess(Authenticator authenticator, @Value("${callvault.metrics-token:}") String metricsToken,
            ErrorModels errors) {
        this.authenticator = authenticator;
        this.metricsTokenHash = metricsToken.isBlank() ? null : Secrets.sha256(metricsToken.strip());
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/actuator") || path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        try {
            if (metricsTokenHash == null
                    || !Secrets.sameHash(metricsTokenHash, Secrets.sha256(Authenticator.credential(authorization)))) {
                authenticator.requireAdmin(authorization, request.getRemoteAddr());
            }
        } catch (io.callvault.web.ApiException e) {
            errors.write(request, response, e.status().value() == 403
                    ? Failure.of(403, "the management endpoints take the admin token or the metrics token")
                    : e.failure());
            return;
        }
        chain.doFilter(request, response);
    }
}
