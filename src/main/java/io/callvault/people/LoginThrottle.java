package io.callvault.people;

import java.io.IOException;
import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import io.callvault.cluster.SharedBucket;
import io.callvault.cluster.SharedBuckets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sign-in throttling that never locks out anyone else: wrong passwords for one username from one address are
 * allowed {@value #ATTEMPTS} in a row, then one more each {@value #REFILL_MINUTES} minutes. The throttle is on
 * the pair, so a guesser neither slows other people nor keeps the person themself out from their own address.
 * Kept in {@link SharedBuckets}: one limit across all nodes when Redis is configured.
 */
class LoginThrottle extends OncePerRequestFilter {

    static final int ATTEMPTS = 5;
    static final int REFILL_MINUTES = 3;
    private static final BucketConfiguration FAILURES = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(ATTEMPTS).refillGreedy(1, Duration.ofMinutes(REFILL_MINUTES))).build();

    private final SharedBuckets buckets;

    LoginThrottle(SharedBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (bucket(request).getAvailableTokens() < 1) {
            response.sendRedirect("/login?throttled");
            return;
        }
        chain.doFilter(request, response);
    }

    void failed(HttpServletRequest request) {
        bucket(request).tryConsume(1);
    }

    private SharedBucket bucket(HttpServletRequest request) {
        String username = String.valueOf(request.getParameter("username"));
        return buckets.bucket("callvault:login:" + request.getRemoteAddr() + ":" + username, FAILURES);
    }
}
