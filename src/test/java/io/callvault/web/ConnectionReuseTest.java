package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.Test;

/**
 * A keep-alive connection serves 1,000 requests before the server closes it (Tomcat's default is 100): each new
 * connection starts again with small TCP windows, which cost full GETs 15-24% in the benchmark.
 */
class ConnectionReuseTest extends HttpTestBase {

    @Test
    void oneConnectionServesAThousandRequestsThenIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            for (int i = 1; i <= 1000; i++) {
                out.write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Answer answer = Answer.read(in);
                assertThat(answer.status()).as("request %d", i).isEqualTo(200);
                assertThat(answer.closes()).as("connection closed after request %d", i).isEqualTo(i == 1000);
            }
            assertThat(in.read()).as("the server closed the connection").isEqualTo(-1);
        }
    }

    private record Answer(int status, boolean closes) {

        static Answer read(BufferedReader in) throws IOException {
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            boolean closes = false;
            int length = 0;
            boolean chunked = false;
            for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                String name = line.substring(0, line.indexOf(':')).trim();
                String value = line.substring(line.indexOf(':') + 1).trim();
                closes |= name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close");
                chunked |= name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked");
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Integer.parseInt(value);
                }
            }
            if (chunked) {
                for (int size = Integer.parseInt(in.readLine().trim(), 16); size > 0;
                        size = Integer.parseInt(in.readLine().trim(), 16)) {
                    skipFully(in, size);
                    in.readLine();
                }
                in.readLine();
            } else {
                skipFully(in, length);
            }
            return new Answer(status, closes);
        }

        private static void skipFully(BufferedReader in, long n) throws IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    throw new IOException("the answer ended early");
                }
                n -= skipped;
            }
        }
    }
}
