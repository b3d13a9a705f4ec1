package io.callvault.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A NUL character in a query parameter (%00) is refused with 400: no client means one, and PostgreSQL cannot compare
 * or store text that holds one. JSON bodies are checked as they are read ({@link StrictJson}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5) // before the audio endpoints (delivery.AudioEndpoints), which answer ahead of MVC
class NulInQuery extends HttpFilter {

    private final ErrorModels errors;

    NulInQuery(ErrorModels errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && query.contains("%00")) {
            errors.write(request, response, Failure.of(400, "a query parameter contains a NUL character (%00)"));
            return;
        }
        chain.doFilter(request, response);
    }
}
