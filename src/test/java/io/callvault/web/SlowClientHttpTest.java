package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A client that sends half a request and stalls is cut off by the connection timeout, and holds nothing up. */
@TestPropertySource(properties = "server.tomcat.connection-timeout=1s")
class SlowClientHttpTest extends HttpTestBase {

    @Test
    void stalledRequestsAreClosedAndOthersAreServed() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            assertThat(api.get("/actuator/health").status()).isEqualTo(200);
            long start = System.nanoTime();
            for (Socket socket : stalled) {
                InputStream in = socket.getInputStream();
                byte[] answer = in.readAllBytes(); // returns when the server closes the connection
                assertThat(new String(answer, StandardCharsets.US_ASCII)).doesNotContain("\"UP\"");
            }
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until every stalled connection was closed")
                    .isLessThan(8000);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }
}
