package io.callvault.delivery;

import java.io.IOException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Serves every {@link AudioEndpoint} ahead of Spring MVC and the filters behind this one (Spring Security's among
 * them: an audio request carries an API credential, a signed URL or a person's session, each checked by
 * {@code tenancy.Permissions}). Failures are answered in the surface's own model, as MVC's handlers answer them.
 * Only plain paths are taken: one with an encoded character other than an id's own, a path parameter ({@code ;}), an
 * empty or dot step goes on down the chain, where Spring Security's firewall refuses what it must, and MVC answers
 * the rest (404).
 */
@Component
@Order(AudioEndpoints.ORDER)
class AudioEndpoints extends HttpFilter {

    /** After the observation, NUL, body-size and CORS filters; before Spring MVC's own and Spring Security's. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private static final boolean[] PLAIN = plainCharacters();

    private final List<Route> routes;
    private final ErrorModels errors;

    AudioEndpoints(List<AudioEndpoint> endpoints, ErrorModels errors) {
        this.errors = errors;
        this.routes = endpoints.stream().map(Route::of).toList();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = pathOf(request);
        for (Route route : routes) {
            Map<String, String> variables = route.match(path);
            if (variables != null) {
                serve(route, variables, request, response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Whether this request is answered here (not in Spring MVC). */
    boolean serves(HttpServletRequest request) {
        String path = pathOf(request);
        for (Route route : routes) {
            if (route.match(path) != null) {
                return true;
            }
        }
        return false;
    }

    /** The path the endpoints' templates are written against: without the context path. */
    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private void serve(Route route, Map<String, String> variables, HttpServletRequest request,
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
            route.endpoint().serve(request, response, variables);
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
        return c < 128 && PLAIN[c];
    }

    private static boolean[] plainCharacters() {
        boolean[] plain = new boolean[128];
        for (char c : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/@:+,=".toCharArray()) {
            plain[c] = true;
        }
        return plain;
    }

    private record Route(AudioEndpoint endpoint, String prefix, PathTemplate template, String allow) {

        static Route of(AudioEndpoint endpoint) {
            String path = endpoint.path();
            Set<String> allow = new TreeSet<>(endpoint.methods());
            allow.add("OPTIONS");
            return new Route(endpoint, path.substring(0, path.indexOf('{')), PathTemplate.parse(path), String.join(", ", allow));
        }

        Map<String, String> match(String path) {
            return path.startsWith(prefix) && isPlain(path) ? template.match(path) : null;
        }
    }

    /**
     * A path template of literal steps and {@code {variables}}, matched against a plain path ({@link #isPlain}),
     * whose only escapes are of an id's own characters. Spring's PathPattern first parses each path into a container:
     * about 4% of the request threads' samples in the ranges' profile.
     *
     * @param names each step's variable name, or null where the step is literal
     */
    record PathTemplate(String[] steps, String[] names) {

        static PathTemplate parse(String template) {
            String[] steps = template.substring(1).split("/");
            String[] names = new String[steps.length];
            for (int i = 0; i < steps.length; i++) {
                if (steps[i].startsWith("{") && steps[i].endsWith("}")) {
                    names[i] = steps[i].substring(1, steps[i].length() - 1);
                }
            }
            return new PathTemplate(steps, names);
        }

        /** @return the variables, decoded, or null when the path is not this template's */
        Map<String, String> match(String path) {
            Map<String, String> variables = new HashMap<>(4);
            int start = 1;
            for (int i = 0; i < steps.length; i++) {
                int end = path.indexOf('/', start);
                boolean last = i == steps.length - 1;
                if (end < 0) {
                    end = path.length();
                }
                if (last != (end == path.length()) || end == start) {
                    return null;
                }
                if (names[i] != null) {
                    variables.put(names[i], decode(path.substring(start, end)));
                } else if (end - start != steps[i].length() || !path.startsWith(steps[i], start)) {
                    return null;
                }
                start = end + 1;
            }
            return variables;
        }

        private static String decode(String step) {
            if (step.indexOf('%') < 0) {
                return step;
            }
            StringBuilder decoded = new StringBuilder(step.length());
            for (int i = 0; i < step.length(); i++) {
                char c = step.charAt(i);
                if (c == '%') {
                    c = (char) HexFormat.fromHexDigits(step, i + 1, i + 3);
                    i += 2;
                }
                decoded.append(c);
            }
            return decoded.toString();
        }
    }
}
