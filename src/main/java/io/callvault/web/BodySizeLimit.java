package io.callvault.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * No client can make the server buffer a huge document, or hold a thread with a trickle: a request body is capped at
 * its endpoint's {@link RequestBodyLimit}, or at 1 MiB (413, in the surface's own model), and must arrive at
 * {@code callvault.limits.body-min-rate} per second (default 1 KB) on average once
 * {@code callvault.limits.body-grace} (default 20 s) has passed (else 408). A body announced larger than its limit
 * is refused before it is read; a chunked one is cut off where it passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6) // before the audio endpoints (delivery.AudioEndpoints), which answer ahead of MVC
class BodySizeLimit extends HttpFilter {

    static final long DEFAULT_LIMIT = 1024 * 1024;

    private final List<RequestBodyLimit> limits;
    private final ErrorModels errors;
    private final long minBytesPerSecond;
    private final long graceNanos;

    BodySizeLimit(List<RequestBodyLimit> limits, ErrorModels errors,
            @Value("${callvault.limits.body-min-rate:1KB}") DataSize minRate,
            @Value("${callvault.limits.body-grace:20s}") Duration grace) {
        this.limits = limits;
        this.errors = errors;
        this.minBytesPerSecond = minRate.toBytes();
        this.graceNanos = grace.toNanos();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
            chain.doFilter(request, response); // no body (every audio read): nothing to limit, nothing to wrap
            return;
        }
        long max = limitOf(request);
        if (max >= 0 && request.getContentLengthLong() > max) {
            errors.write(request, response, Failure.of(413, new BodyTooLargeException(max).getMessage()));
            return;
        }
        chain.doFilter(new GuardedRequest(request, max < 0 ? Long.MAX_VALUE : max), response);
    }

    private long limitOf(HttpServletRequest request) {
        for (RequestBodyLimit limit : limits) {
            if (limit.applies().test(request)) {
                return limit.maxBytes();
            }
        }
        return DEFAULT_LIMIT;
    }

    /**
     * Reading past the limit fails with {@link BodyTooLargeException} (413); a body that comes slower than the minimum
     * rate fails with {@link BodyTooSlowException} (408).
     */
    private final class GuardedRequest extends HttpServletRequestWrapper {
        private final long max;
        private final long started = System.nanoTime();
        private ServletInputStream capped;

        GuardedRequest(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        private void check(long read) throws IOException {
            if (read > max) {
                throw new BodyTooLargeException(max);
            }
            long elapsed = System.nanoTime() - started;
            if (elapsed > graceNanos && read < minBytesPerSecond * (elapsed / 1_000_000_000L)) {
                throw new BodyTooSlowException(minBytesPerSecond);
            }
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (capped == null) {
                ServletInputStream in = super.getInputStream();
                capped = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            check(++read);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            check(read += n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return capped;
        }
    }
}
