package io.callvault.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.callvault.support.TcpProxy;
import io.lettuce.core.RedisClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Node-to-node messages through the real Redis, reached through a proxy this test can cut: messages arrive in order
 * to every handler of a channel; with Redis gone, publishing neither fails nor piles up, how many listen is not known
 * (rather than none), and a new subscription fails in seconds rather than hanging.
 */
class NodeChannelsTest {

    private static final int REDIS_PORT = 6379;

    private final TcpProxy proxy = new TcpProxy(6379);
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
        redis = new SharedRedis(proxy.redisUrl());
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
    @ExtendWith(OutputCaptureExtension.class)
    void afterAnOutageTheSubscriptionsAreBackAndTheNodeIsTold(CapturedOutput output) throws Exception {
        requireRedis();
        redis = new SharedRedis(proxy.redisUrl());
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
        channels.destroy();
        channels = null;
        String told = output.getAll();
        assertThat(told.split("is gone: the node goes on alone", -1)).as("the outage told once, not per connection")
                .hasSize(2);
        assertThat(told).contains("is back after");
        assertThat(told.split("is gone", -1)).as("a connection closed on purpose is not an outage").hasSize(2);
    }

    /**
     * A node that starts while Redis is away starts all the same: its limits are counted on its own meanwhile, a
     * listener's subscription fails at once, and the node's own channels are heard once Redis answers.
     */
    @Test
    void aNodeStartsWhileRedisIsAwayAndJoinsWhenItAnswers() throws Exception {
        requireRedis();
        proxy.outage(Duration.ofSeconds(3));
        long start = System.nanoTime();
        redis = new SharedRedis(proxy.redisUrl());
        channels = new NodeChannels(redis);
        SharedBuckets buckets = new SharedBuckets(java.time.Clock.systemUTC(), redis);
        try {
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            String channel = "callvault:test:" + System.nanoTime();
            channels.subscribeWhenAble(channel, m -> heard.add(new String(m, StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> channels.subscribe(channel + ":listener", m -> { }))
                    .isInstanceOf(IllegalStateException.class);
            io.github.bucket4j.BucketConfiguration two = io.github.bucket4j.BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(2).refillGreedy(2, Duration.ofHours(1))).build();
            String key = "callvault:test:" + System.nanoTime();
            assertThat(buckets.bucket(key, two).tryConsume(1)).isTrue();
            assertThat(buckets.bucket(key, two).tryConsume(1)).isTrue();
            assertThat(buckets.bucket(key, two).tryConsume(1)).as("counted on this node alone, still counted").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("nothing waited for Redis")
                    .isLessThan(Duration.ofSeconds(2));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (channels.subscribers(channel).orElse(0) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            channels.publish(channel, "joined".getBytes(StandardCharsets.UTF_8));
            assertThat(heard.poll(5, TimeUnit.SECONDS)).as("the node's own channel, once Redis answers").isEqualTo("joined");
            // each connection is retried on its own: the counting one may come a second after the others
            SharedBucketsOf otherNode = new SharedBucketsOf(redis);
            boolean sharedCount = false;
            while (!sharedCount && System.nanoTime() < deadline) {
                String sharedKey = "callvault:test:" + System.nanoTime();
                assertThat(buckets.bucket(sharedKey, two).tryConsume(2)).isTrue();
                sharedCount = !otherNode.bucket(sharedKey, two).tryConsume(1);
                Thread.sleep(100);
            }
            assertThat(sharedCount).as("counted in Redis once it answers: another node sees the count").isTrue();
        } finally {
            buckets.destroy();
        }
    }

    /** Another node's buckets on the same Redis. */
    private static final class SharedBucketsOf {

        private final SharedBuckets buckets;

        SharedBucketsOf(SharedRedis redis) {
            this.buckets = new SharedBuckets(java.time.Clock.systemUTC(), redis);
        }

        SharedBucket bucket(String key, io.github.bucket4j.BucketConfiguration configuration) {
            return buckets.bucket(key, configuration);
        }
    }

    /** docs/deployment.md's form, a user and password of the nodes' own in the URL, reaches a Redis that wants them. */
    @Test
    void aRedisThatWantsAPasswordIsReachedWithTheOneInTheUrl() throws Exception {
        requireRedis();
        String user = "callvault-test-" + System.nanoTime();
        RedisClient admin = RedisClient.create("redis://127.0.0.1:" + REDIS_PORT);
        try (var connection = admin.connect()) {
            connection.sync().aclSetuser(user, io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("s3cret-pass")
                    .allKeys().allChannels().allCommands());
            try {
                redis = new SharedRedis("redis://" + user + ":s3cret-pass@127.0.0.1:" + REDIS_PORT);
                channels = new NodeChannels(redis);
                BlockingQueue<String> heard = new LinkedBlockingQueue<>();
                String channel = "callvault:test:" + System.nanoTime();
                channels.subscribe(channel, m -> heard.add(new String(m, StandardCharsets.UTF_8)));
                channels.publish(channel, "hello".getBytes(StandardCharsets.UTF_8));
                assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");

                SharedRedis wrong = new SharedRedis("redis://" + user + ":not-it@127.0.0.1:" + REDIS_PORT);
                NodeChannels refused = new NodeChannels(wrong); // the node starts, and goes on alone
                try {
                    assertThatThrownBy(() -> refused.subscribe(channel, m -> { })).as("a wrong password is no connection")
                            .isInstanceOf(IllegalStateException.class);
                } finally {
                    refused.destroy();
                    wrong.destroy();
                }
            } finally {
                connection.sync().aclDeluser(user);
            }
        } finally {
            admin.shutdown();
        }
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
