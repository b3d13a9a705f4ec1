package io.callvault.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.callvault.support.RedisProxy;
import io.lettuce.core.RedisClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Node-to-node messages through the real Redis, reached through a proxy this test can cut: messages arrive in order
 * to every handler of a channel; with Redis gone, publishing neither fails nor piles up, how many listen is not known
 * (rather than none), and a new subscription fails in seconds rather than hanging.
 */
class NodeChannelsTest {

    private static final int REDIS_PORT = 6379;

    private final RedisProxy proxy = new RedisProxy();
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
        redis = new SharedRedis(proxy.url());
        channels = new NodeChannels(redis);
        assertThat(channels.isShared()).isTrue();
        BlockingQueue<String> first = new LinkedBlockingQueue<>();
        BlockingQueue<String> second = new LinkedBlockingQueue<>();
        String channel = "callvault:test:" + System.nanoTime();
        AutoCloseable one = channels.subscribe(channel, m -> first.add(new String(m, StandardCharsets.UTF_8)));
        AutoCloseable two = channels.subscribe(channel, m -> second.add(new String(m, StandardCharsets.UTF_8)));
        assertThat(channels.subscribers(channel)).as("one connection of this node").hasValue(1);
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
        assertThat(channels.subscribers(channel)).as("not known, rather than nobody").isEmpty();
        assertThatThrownBy(() -> channels.subscribe(channel + ":new", m -> { }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("seconds, not the client's minute")
                .isLessThan(25);
    }

    @Test
    void afterAnOutageTheSubscriptionsAreBackAndTheNodeIsTold() throws Exception {
        requireRedis();
        redis = new SharedRedis(proxy.url());
        channels = new NodeChannels(redis);
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        CountDownLatch reconnected = new CountDownLatch(1);
        channels.whenReconnected(reconnected::countDown);
        String channel = "callvault:test:" + System.nanoTime();
        channels.subscribe(channel, m -> heard.add(new String(m, StandardCharsets.UTF_8)));
        assertThat(reconnected.getCount()).as("not at the first connection").isEqualTo(1);

        proxy.outage(Duration.ofSeconds(1));
        assertThat(reconnected.await(20, TimeUnit.SECONDS)).as("told that Redis is back").isTrue();
        // told when a connection is back; the client subscribes again on its own, just after
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (channels.subscribers(channel).orElse(0) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        channels.publish(channel, "back".getBytes(StandardCharsets.UTF_8));
        assertThat(heard.poll(5, TimeUnit.SECONDS)).as("the subscription is back").isEqualTo("back");
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
}
