package io.callvault.delivery;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.callvault.web.CoreFailures;
import io.callvault.web.ErrorModels;
import io.callvault.web.Failure;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Serves every {@link AudioEndpoint} ahead of Spring MVC and the filters behind this one (Spring Security's among
 * them: an audio request carries an API credential, a signed URL or a person's session, each checked by
 * {@code tenancy.Permissions}). Failures are answered in the surface's own model, as MVC's handlers answer them.
 * Only plain paths are taken: one with an encoded character, a path parameter ({@code ;}), an empty or dot step goes
 * on down the chain, where Spring Security's firewall refuses what it must, and MVC answers the rest (404).
 */
@Component
@Order(AudioEndpoints.ORDER)
class AudioEndpoints extends HttpFilter {

    /** After the observation, NUL, body-size and CORS filters; before Spring MVC's own and Spring Security's. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final List<Route> routes;
    private final ErrorModels errors;

    AudioEndpoints(List<AudioEndpoint> endpoints, ErrorModels errors) {
        this.errors = errors;
        this.routes = endpoints.stream().map(Route::of).toList();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (Route route : routes) {
            if (path.startsWith(route.prefix()) && isPlain(path)) {
                PathPattern.PathMatchInfo match = route.pattern().matchAndExtract(PathContainer.parsePath(path));
                if (match != null) {
                    serve(route, match, request, response);
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private void serve(Route route, PathPattern.PathMatchInfo match, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(observation -> observation.setPathPattern(route.endpoint().path()));
        String method = request.getMethod();
        if (!route.endpoint().methods().contains(method)) {
            response.setHeader(HttpHeaders.ALLOW, route.allow());
            if (!"OPTIONS".equals(method)) {
                errors.write(request, response, Failure.of(405, "Method '" + method + "' is not supported."));
            }
            return;
        }
        try {
            route.endpoint().serve(request, response, match.getUriVariables());
        } catch (Exception e) {
            Failure failure = route.endpoint().failureOf(e);
            if (failure == null) {
                failure = CoreFailures.of(e, request).orElse(null);
            }
            if (failure != null && !response.isCommitted()) {
                response.resetBuffer();
                errors.write(request, response, failure);
            }
        }
    }

    /** Only characters a URL carries unencoded, no empty or dot step: such a path means one thing to everybody. */
    static boolean isPlain(String path) {
        if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/.")
                || path.endsWith("/..")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') { // a client may encode an id's ':' or '@', nothing that changes the path's steps
                if (i + 2 >= path.length() || !HexFormat.isHexDigit(path.charAt(i + 1))
                        || !HexFormat.isHexDigit(path.charAt(i + 2))) {
                    return false;
                }
                c = (char) HexFormat.fromHexDigits(path, i + 1, i + 3);
                if (c == '/' || c == '.') {
                    return false;
                }
                i += 2;
            }
            if (!isPlain(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/@:+,=".indexOf(c) >= 0;
    }

    private record Route(AudioEndpoint endpoint, String prefix, PathPattern pattern, String allow) {

        static Route of(AudioEndpoint endpoint) {
            String path = endpoint.path();
            Set<String> allow = new TreeSet<>(endpoint.methods());
            allow.add("OPTIONS");
            return new Route(endpoint, path.substring(0, path.indexOf('{')), PathPatternParser.defaultInstance.parse(path),
                    String.join(", ", allow));
        }
    }
}
