package io.callvault.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * A {@code Content-Type} that Spring's own parser fails on with something other than its "invalid media type" (a type
 * opening with a quote, {@code "a/b}, throws {@code StringIndexOutOfBoundsException} in spring-core 7.0.8) is refused
 * with 415 here, in the surface's model, as Spring answers any other malformed type of a body. Left to MVC it was a
 * 500 on every endpoint that reads a body (found by {@code HostileCorpusHttpTest}). A type Spring parses, or refuses
 * in its own way, goes on untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4) // before the audio endpoints (delivery.AudioEndpoints), which answer ahead of MVC
class UnparseableContentType extends HttpFilter {

    private final ErrorModels errors;

    UnparseableContentType(ErrorModels errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !parses(contentType)) {
            errors.write(request, response, Failure.of(415, "the Content-Type header is not a media type"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean parses(String contentType) {
        try {
            MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException refusedAsSpringRefuses) {
            // MVC answers it as it does today (415 where a body is read)
        } catch (RuntimeException e) {
            return false;
        }
        return true;
    }
}
