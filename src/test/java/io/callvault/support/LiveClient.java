package io.callvault.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;

/**
 * A real WebSocket client (java.net.http) for the live endpoints: collects the server's text and binary frames and
 * its close, and sends as a platform would.
 */
public final class LiveClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();

    private final boolean stalled;

    private LiveClient(WebSocket.Builder builder, URI uri, boolean stalled) {
        this.stalled = stalled;
        Listener listener = new Listener();
        this.socket = builder.connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, listener).join();
    }

    /** Connects with these headers (name, value pairs). */
    public static LiveClient connect(int port, String pathAndQuery, String... headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return new LiveClient(builder, URI.create("ws://127.0.0.1:" + port + pathAndQuery), false);
    }

    /** A client that reads the server's first frame and then nothing more (a listener that cannot keep up). */
    public static LiveClient connectStalled(int port, String pathAndQuery, String... headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return new LiveClient(builder, URI.create("ws://127.0.0.1:" + port + pathAndQuery), true);
    }

    /** The HTTP status the server refused the upgrade with (the connection must fail). */
    public static int refusal(int port, String pathAndQuery, String... headers) {
        try {
            connect(port, pathAndQuery, headers).close();
            throw new AssertionError("the upgrade was accepted");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Pings the server sent (each answered with a pong by the client, as the protocol wants). */
    public int pings() {
        return pings.get();
    }

    public void text(String message) {
        socket.sendText(message, true).join();
    }

    public void binary(byte[] audio) {
        socket.sendBinary(ByteBuffer.wrap(audio), true).join();
    }

    /** The next text frame from the server, within 10 s. */
    public String nextText() {
        try {
            String text = texts.poll(10, TimeUnit.SECONDS);
            if (text == null) {
                throw new AssertionError("no text frame from the server within 10 s (closed: " + closed.getNow(null)
                        + " " + closeReason + ")");
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public JsonNode nextJson() {
        return Api.JSON.readTree(nextText());
    }

    /** Text frames that arrived and were not taken yet. */
    public java.util.List<String> pendingTexts() {
        java.util.List<String> all = new java.util.ArrayList<>();
        texts.drainTo(all);
        return all;
    }

    public byte[] receivedBinary() {
        synchronized (binary) {
            return binary.toByteArray();
        }
    }

    /** The close code the server sent, within 10 s. */
    public int closeCode() {
        return closeCodeWithin(Duration.ofSeconds(10));
    }

    public int closeCodeWithin(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + wait, e);
        }
    }

    public String closeReason() {
        closeCode();
        return closeReason;
    }

    public boolean isClosedByServer() {
        return closed.isDone();
    }

    /** Closes normally (1000) and waits for the server's close. */
    public void closeNormally() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        closeCode();
    }

    /** Drops the TCP connection without a close handshake (a platform that crashed). */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                socket.abort();
            }
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                texts.add(text.toString());
                text.setLength(0);
            }
            if (!stalled) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            synchronized (binary) {
                binary.writeBytes(bytes);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            webSocket.request(1); // the pong is sent by the client itself
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeReason = error.toString();
            closed.complete(1006);
        }
    }
}
