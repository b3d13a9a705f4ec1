package io.callvault.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * JSON requests are small: any body but an audio upload is capped at 1 MiB (413), so that no client can make the
 * server buffer a huge document. Audio uploads have their own limit, {@code CALLVAULT_MAX_UPLOAD}.
 */
@Component
class BodySizeLimit extends OncePerRequestFilter {

    static final long MAX_JSON_BODY = 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAudioUpload(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > MAX_JSON_BODY) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                    + "\"detail\":\"request bodies other than audio uploads are limited to " + MAX_JSON_BODY + " bytes\"}");
            return;
        }
        chain.doFilter(new CappedRequest(request), response);
    }

    private static boolean isAudioUpload(HttpServletRequest request) {
        return HttpMethod.PUT.matches(request.getMethod()) && request.getRequestURI().matches("/v1/tenants/[^/]+/calls/[^/]+/recordings/[^/]+");
    }

    /** A chunked body with no Content-Length is cut off at the limit: reading past it fails, answered 400. */
    private static final class CappedRequest extends HttpServletRequestWrapper {
        private ServletInputStream capped;

        CappedRequest(HttpServletRequest request) {
            super(request);
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
                        if (b >= 0 && ++read > MAX_JSON_BODY) {
                            throw new IOException("request body exceeds " + MAX_JSON_BODY + " bytes");
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (read += n) > MAX_JSON_BODY) {
                            throw new IOException("request body exceeds " + MAX_JSON_BODY + " bytes");
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
