package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Slow or greedy clients hold nothing up: a stalled request is cut off by the per-read timeout, a trickled one by the
 * deadline for its headers or the minimum rate of its body, and one address cannot hold more than its share of
 * connections. Each case is bounded by a socket deadline far beyond the server's limit, never timed.
 */
@TestPropertySource(properties = {"server.tomcat.connection-timeout=1s", "callvault.limits.header-deadline=3s",
        "callvault.limits.connections-per-address=60", "callvault.limits.body-grace=2s",
        "callvault.limits.body-min-rate=100B"})
class SlowClientHttpTest extends HttpTestBase {

    /** Far beyond every limit under test: a connection still open then was not cut off. */
    private static final int DEADLINE_MS = 30_000;

    @Test
    void stalledRequestsAreClosedAndOthersAreServed() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(DEADLINE_MS);
                socket.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            assertThat(api.get("/actuator/health").status()).isEqualTo(200);
            for (Socket socket : stalled) {
                // returns when the server closes the connection; a SocketTimeoutException fails the test
                byte[] answer = socket.getInputStream().readAllBytes();
                assertThat(new String(answer, StandardCharsets.US_ASCII)).doesNotContain("\"UP\"");
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** A byte every 300 ms never trips the 1 s per-read timeout; the 3 s deadline for the headers does. */
    @Test
    void headersTrickledByteByByteAreCutOffAtTheDeadline() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(300);
            byte[] request = ("GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(1000))
                    .getBytes(StandardCharsets.US_ASCII);
            int sent = 0;
            boolean closed = false;
            long deadline = System.nanoTime() + DEADLINE_MS * 1_000_000L;
            while (!closed && System.nanoTime() < deadline && sent < request.length) {
                try {
                    socket.getOutputStream().write(request[sent++]);
                    socket.getOutputStream().flush();
                    closed = socket.getInputStream().read() == -1;
                } catch (SocketTimeoutException stillOpen) {
                    // the pace of the trickle
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("the server closed the trickling connection").isTrue();
            assertThat(sent).as("bytes sent before it did: more than the per-read timeout would allow").isGreaterThan(6);
        }
    }

    /** A body that comes slower than 100 bytes a second is refused with 408 once the 2 s grace has passed. */
    @Test
    void aBodyTrickledSlowerThanTheMinimumRateIsRefused() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(300);
            String head = "POST /v1/admin/tenants HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN_TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            long deadline = System.nanoTime() + DEADLINE_MS * 1_000_000L;
            InputStream in = socket.getInputStream();
            while (!answer.toString().contains("\r\n") && System.nanoTime() < deadline) {
                try {
                    socket.getOutputStream().write(' ');
                    socket.getOutputStream().flush();
                } catch (IOException closed) {
                    // the server has answered and closed: read what it said
                }
                try {
                    int b = in.read();
                    if (b == -1) {
                        break;
                    }
                    answer.append((char) b);
                } catch (SocketTimeoutException stillReading) {
                    // the pace of the trickle
                }
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 408");
        }
    }

    /** One address holds at most 60 connections; the 61st is closed before a byte is read, and room frees up. */
    @Test
    void oneAddressCannotHoldMoreThanItsShareOfConnections() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            Socket refused = null;
            for (int i = 0; i < 70 && refused == null; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(DEADLINE_MS);
                socket.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String status = statusLine(socket);
                if (status == null) {
                    refused = socket;
                } else {
                    assertThat(status).startsWith("HTTP/1.1 200");
                    held.add(socket);
                }
            }
            assertThat(refused).as("a connection past the cap is closed unanswered").isNotNull();
            refused.close();
            assertThat(held).as("connections kept open before the cap").hasSizeBetween(55, 60);
            for (Socket socket : held.subList(0, 10)) {
                socket.close();
            }
            long deadline = System.nanoTime() + DEADLINE_MS * 1_000_000L;
            boolean served = false;
            while (!served && System.nanoTime() < deadline) {
                try {
                    served = api.get("/actuator/health").status() == 200;
                } catch (RuntimeException notYet) {
                    Thread.sleep(50); // the server has not yet seen the closes
                }
            }
            assertThat(served).as("served again once the address closed some").isTrue();
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** The status line of the answer, or null when the server closed the connection without one. */
    private static String statusLine(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        InputStream in = socket.getInputStream();
        try {
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
        } catch (IOException reset) {
            return null;
        }
        return line.isEmpty() ? null : line.toString();
    }
}
