package io.callvault.web;

import java.io.IOException;
import java.util.function.Consumer;

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
 * A {@code Content-Type} or {@code Accept} that Spring's own parser fails on with something other than its "invalid
 * media type" (a type opening with a quote, {@code "a/b}, throws {@code StringIndexOutOfBoundsException} in
 * spring-core 7.0.8) is refused here, in the surface's model, as Spring answers any other malformed one: 415 for the
 * body's type, 406 for what is accepted. Left to MVC it was a 500 on every endpoint that reads a body or negotiates
 * its answer (found by {@code HostileCorpusHttpTest}). A header Spring parses, or refuses in its own way, goes on
 * untouched. The parser's fault is spring-projects/spring-framework#36971, a regression of 7.0.8 fixed in 7.0.9; this
 * filter keeps the answers right whichever Spring Framework the build resolves.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4) // before the audio endpoints (delivery.AudioEndpoints), which answer ahead of MVC
class UnparseableMediaType extends HttpFilter {

    private final ErrorModels errors;

    UnparseableMediaType(ErrorModels errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !parses(contentType, MediaType::parseMediaType)) {
            errors.write(request, response, Failure.of(415, "the Content-Type header is not a media type"));
            return;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !parses(accept, MediaType::parseMediaTypes)) {
            errors.write(request, response, Failure.of(406, "the Accept header is not a list of media types"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean parses(String header, Consumer<String> parser) {
        try {
            parser.accept(header);
        } catch (InvalidMediaTypeException refusedAsSpringRefuses) {
            // MVC answers it as it does today
        } catch (RuntimeException e) {
            return false;
        }
        return true;
    }
}
