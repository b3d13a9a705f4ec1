package io.callvault.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Node-to-node messages through the real Redis, reached through a proxy this test can cut: messages arrive in order
 * to every handler of a channel; with Redis gone, publishing neither fails nor piles up, nobody is counted as
 * listening, and a new subscription fails in seconds rather than hanging.
 */
class NodeChannelsTest {

    private static final int REDIS_PORT = 6379;

    private final Proxy proxy = new Proxy();
    private SharedRedis redis;
    private NodeChannels channels;

    @AfterEach
    void close() throws Exception {
        if (channels != null) {
            channels.destroy();
        }
        if (redis != null) {
            redis.destroy();
        }
        proxy.close();
    }

    @Test
    void messagesArriveInOrderAndAGoneRedisNeitherHangsNorPilesUp() throws Exception {
        requireRedis();
        redis = new SharedRedis("redis://127.0.0.1:" + proxy.port());
        channels = new NodeChannels(redis);
        assertThat(channels.isShared()).isTrue();
        BlockingQueue<String> first = new LinkedBlockingQueue<>();
        BlockingQueue<String> second = new LinkedBlockingQueue<>();
        String channel = "callvault:test:" + System.nanoTime();
        AutoCloseable one = channels.subscribe(channel, m -> first.add(new String(m, StandardCharsets.UTF_8)));
        AutoCloseable two = channels.subscribe(channel, m -> second.add(new String(m, StandardCharsets.UTF_8)));
        assertThat(channels.subscribers(channel)).as("one connection of this node").isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            channels.publish(channel, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(first.poll(5, TimeUnit.SECONDS)).isEqualTo("m" + i);
            assertThat(second.poll(5, TimeUnit.SECONDS)).isEqualTo("m" + i);
        }
        one.close();
        channels.publish(channel, "after".getBytes(StandardCharsets.UTF_8));
        assertThat(second.poll(5, TimeUnit.SECONDS)).isEqualTo("after");
        assertThat(first).isEmpty();
        two.close();

        proxy.cut();
        long start = System.nanoTime();
        channels.publish(channel, "lost".getBytes(StandardCharsets.UTF_8));
        assertThat(channels.subscribers(channel)).isZero();
        assertThatThrownBy(() -> channels.subscribe(channel + ":new", m -> { }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("seconds, not the client's minute")
                .isLessThan(25);
    }

    private static void requireRedis() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + REDIS_PORT);
        try (var connection = client.connect()) {
            connection.sync().ping();
        } catch (Exception e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("this test needs Redis on " + REDIS_PORT + ": " + e.getMessage());
            }
            Assumptions.abort("skipping, no Redis on " + REDIS_PORT + ": " + e.getMessage());
        } finally {
            client.shutdown();
        }
    }

    /** A TCP forwarder to Redis; {@link #cut} closes every connection and refuses new ones. */
    private static final class Proxy implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        Proxy() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), REDIS_PORT);
                        open.add(client);
                        open.add(upstream);
                        pipe(client, upstream);
                        pipe(upstream, client);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "redis-proxy");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void pipe(Socket from, Socket to) {
            Thread copy = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException closed) {
                    // cut
                }
            }, "redis-proxy-pipe");
            copy.setDaemon(true);
            copy.start();
        }

        void cut() throws IOException {
            server.close();
            for (Socket socket : open) {
                socket.close();
            }
        }

        @Override
        public void close() throws IOException {
            cut();
        }
    }
}
