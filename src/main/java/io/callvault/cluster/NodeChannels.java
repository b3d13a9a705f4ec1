package io.callvault.cluster;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Messages from node to node through the deployment's Redis (publish and subscribe): nodes never connect to each
 * other. Without Redis there is no other node to reach, and {@link #isShared()} says so. Handlers are called on
 * the Redis client's own thread: they hand the message off and return, never block.
 */
@Component
public class NodeChannels implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NodeChannels.class);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(5);

    private final StatefulRedisConnection<byte[], byte[]> publisher;
    private final StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
    private final Map<String, Set<Consumer<byte[]>>> handlers = new ConcurrentHashMap<>();
    /** The subscription of each channel, once sent: a second handler of a channel waits for the same answer. */
    private final Map<String, RedisFuture<Void>> subscribing = new ConcurrentHashMap<>();
    private final List<Runnable> onReconnect = new CopyOnWriteArrayList<>();

    public NodeChannels(SharedRedis redis) {
        this.publisher = redis.client().map(client -> client.connect(ByteArrayCodec.INSTANCE)).orElse(null);
        this.subscriber = redis.client().map(client -> client.connectPubSub(ByteArrayCodec.INSTANCE)).orElse(null);
        if (subscriber != null) {
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] channel, byte[] message) {
                    deliver(new String(channel, StandardCharsets.UTF_8), message);
                }
            });
            redis.client().get().addListener(new RedisConnectionStateListener() {
                private final Set<RedisChannelHandler<?, ?>> lost = ConcurrentHashMap.newKeySet();

                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                    if (connection == subscriber || connection == publisher) {
                        lost.add(connection);
                    }
                }

                @Override
                public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                    if (lost.remove(connection)) {
                        onReconnect.forEach(NodeChannels::runQuietly);
                    }
                }
            });
        }
    }

    /**
     * Runs the action each time one of this node's two connections to Redis comes back after it was lost (the client
     * subscribes again by itself): what was published meanwhile was not heard here, what this node published was
     * dropped. On the Redis client's thread.
     */
    public void whenReconnected(Runnable action) {
        onReconnect.add(action);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("an action after Redis came back failed: {}", e.toString());
        }
    }

    /** Other nodes can be reached: the deployment has Redis. */
    public boolean isShared() {
        return subscriber != null;
    }

    /**
     * Sends without waiting for Redis, and never fails; messages published by one thread arrive in the order they
     * were sent. While the connection is down a message is dropped, not queued: the client would hold every one in
     * memory until Redis came back (one sent in the instant before the client sees its connection close is sent
     * when it is back, before what follows).
     */
    public void publish(String channel, byte[] message) {
        if (publisher != null && publisher.isOpen()) {
            try {
                publisher.async().publish(bytes(channel), message);
            } catch (RuntimeException e) { // never the publisher's problem: live capture publishes from its own thread
                log.debug("a message to {} was not sent: {}", channel, e.toString());
            }
        }
    }

    /**
     * How many connections, of every node, listen to the channel; empty when Redis does not answer within seconds,
     * since a node cut off from Redis cannot tell whether anyone still listens.
     */
    public OptionalLong subscribers(String channel) {
        if (publisher == null || !publisher.isOpen()) {
            return OptionalLong.empty();
        }
        try {
            Map<byte[], Long> counts = publisher.async().pubsubNumsub(bytes(channel))
                    .get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return OptionalLong.of(counts.values().stream().filter(java.util.Objects::nonNull).findFirst().orElse(0L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } catch (Exception e) {
            log.warn("Redis did not say who listens to {}: {}", channel, e.toString());
            return OptionalLong.empty();
        }
    }

    /**
     * Calls the handler with each message published on the channel from now on: Redis has confirmed the
     * subscription when this returns. Closing the answer ends it.
     */
    public AutoCloseable subscribe(String channel, Consumer<byte[]> handler) {
        if (subscriber == null) {
            throw new IllegalStateException("no Redis: nothing to subscribe to");
        }
        RedisFuture<Void> confirmed;
        // the commands are sent in the order of this lock; their answers are awaited outside it, since they arrive
        // on the thread that also calls the handlers, which may unsubscribe
        synchronized (this) {
            Set<Consumer<byte[]>> forChannel = handlers.computeIfAbsent(channel, k -> ConcurrentHashMap.newKeySet());
            forChannel.add(handler);
            confirmed = forChannel.size() == 1 ? subscriber.async().subscribe(bytes(channel)) : subscribing.get(channel);
            if (confirmed != null) {
                subscribing.put(channel, confirmed);
            }
        }
        if (confirmed != null) {
            try {
                confirmed.get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                unsubscribe(channel, handler);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("Redis did not confirm the subscription to " + channel + ": " + e, e);
            }
        }
        return () -> unsubscribe(channel, handler);
    }

    private synchronized void unsubscribe(String channel, Consumer<byte[]> handler) {
        Set<Consumer<byte[]>> forChannel = handlers.get(channel);
        if (forChannel != null && forChannel.remove(handler) && forChannel.isEmpty()) {
            handlers.remove(channel);
            subscribing.remove(channel);
            subscriber.async().unsubscribe(bytes(channel));
        }
    }

    private void deliver(String channel, byte[] message) {
        for (Consumer<byte[]> handler : handlers.getOrDefault(channel, Set.of())) {
            try {
                handler.accept(message);
            } catch (RuntimeException e) {
                log.warn("a handler of node channel {} failed: {}", channel, e.toString());
            }
        }
    }

    private static byte[] bytes(String channel) {
        return channel.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void destroy() {
        if (subscriber != null) {
            subscriber.close();
            publisher.close();
        }
    }
}
