package io.callvault.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.callvault.ClockTimeMeter;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down credential guessing: every answer that says "bad credential" (401, and Wellcloud's 425 for a wrong
 * appSecret) spends one of the source address's allowance of failures ({@code callvault.auth-throttle.failures}
 * per {@code callvault.auth-throttle.interval}); an address with none left is answered 429 with Retry-After,
 * before its request is authenticated at all. One filter, so every surface is covered the same way.
 */
@Component
class AuthFailureThrottle extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuthFailureThrottle.class);
    private static final int MAX_ADDRESSES = 100_000;

    private final int failures;
    private final Duration interval;
    private final ClockTimeMeter time;
    private final ConcurrentMap<String, Bucket> byAddress = new ConcurrentHashMap<>();

    AuthFailureThrottle(@Value("${callvault.auth-throttle.failures:20}") int failures,
            @Value("${callvault.auth-throttle.interval:1m}") Duration interval, Clock clock) {
        this.failures = failures;
        this.interval = interval;
        this.time = new ClockTimeMeter(clock);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        Bucket bucket = byAddress.get(address);
        if (bucket != null && bucket.getAvailableTokens() <= 0) {
            long wait = Math.max(1, (bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            refuse(request, response, wait);
            return;
        }
        chain.doFilter(request, response);
        int status = response.getStatus();
        boolean badCredential = status == 401 || (status == 425 && request.getRequestURI().endsWith("/apply/token"));
        if (badCredential) {
            if (byAddress.size() > MAX_ADDRESSES) {
                byAddress.clear(); // a flood of addresses: start over rather than grow without bound
            }
            byAddress.computeIfAbsent(address, a -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, interval))
                    .withCustomTimePrecision(time).build())
                    .tryConsume(1);
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long seconds) throws IOException {
        log.warn("refused a request from {}: too many failed authentications", request.getRemoteAddr());
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        String uri = request.getRequestURI();
        String message = "too many failed authentications from this address: retry after " + seconds + " s";
        if (uri.startsWith("/api/operation/")) {
            response.setContentType("application/json");
            response.getWriter().write("{\"code\":\"429\",\"message\":\"" + message + "\"}");
        } else if (uri.startsWith("/general/")) {
            response.setContentType("application/json");
            response.getWriter().write("{\"status\":\"error\",\"errorCode\":\"TOO_MANY_REQUESTS\",\"message\":\"リクエスト回数超過 ("
                    + message + ")\"}");
        } else {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                    + "\"detail\":\"" + message + "\"}");
        }
    }
}
