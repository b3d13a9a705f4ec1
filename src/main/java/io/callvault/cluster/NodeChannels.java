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
 * other. Without Redis there is no other node to reach, and {@link #isShared()} says so. Redis may not answer when
 * the node starts: its two connections are then made in the background ({@link SharedRedis#connect}), and the
 * node's own channels ({@link #subscribeWhenAble}) are subscribed once they are. Handlers are called on the Redis
 * client's own thread: they hand the message off and return, never block.
 */
@Component
public class NodeChannels implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NodeChannels.class);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(5);

    private final boolean shared;
    private volatile StatefulRedisConnection<byte[], byte[]> publisher;
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
    private final Map<String, Set<Consumer<byte[]>>> handlers = new ConcurrentHashMap<>();
    /** The subscription of each channel, once sent: a second handler of a channel waits for the same answer. */
    private final Map<String, RedisFuture<Void>> subscribing = new ConcurrentHashMap<>();
    private final List<Runnable> onReconnect = new CopyOnWriteArrayList<>();

    public NodeChannels(SharedRedis redis) {
        this.shared = redis.isConfigured();
        redis.client().ifPresent(client -> client.addListener(new RedisConnectionStateListener() {
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
                    if (connection == subscriber) {
                        subscribeAll(); // the client subscribes again to what Redis had confirmed, not to the rest
                    }
                    onReconnect.forEach(NodeChannels::runQuietly);
                }
            }
        }));
        redis.connect("publishing to other nodes", client -> client.connect(ByteArrayCodec.INSTANCE),
                connection -> {
                    publisher = connection;
                    onReconnect.forEach(NodeChannels::runQuietly);
                });
        redis.connect("hearing other nodes", client -> client.connectPubSub(ByteArrayCodec.INSTANCE), this::opened);
    }

    private void opened(StatefulRedisPubSubConnection<byte[], byte[]> connection) {
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                deliver(new String(channel, StandardCharsets.UTF_8), message);
            }
        });
        subscriber = connection;
        subscribeAll();
        onReconnect.forEach(NodeChannels::runQuietly);
    }

    /** Subscribes to every channel a handler waits on. */
    private synchronized void subscribeAll() {
        StatefulRedisPubSubConnection<byte[], byte[]> connection = subscriber;
        if (connection != null && !handlers.isEmpty()) {
            try {
                handlers.keySet().forEach(channel -> subscribing.put(channel, connection.async().subscribe(bytes(channel))));
            } catch (RuntimeException e) { // lost again already: this runs again when it is back
                log.debug("subscribing again: {}", e.toString());
            }
        }
    }

    /**
     * Runs the action each time one of this node's two connections to Redis is made or comes back after it was
     * lost: what was published meanwhile was not heard here, what this node published was dropped. On the Redis
     * client's thread, or the one that connects in the background.
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
        return shared;
    }

    /** This node hears what other nodes publish now: its connection for them is open. */
    public boolean isHearing() {
        StatefulRedisPubSubConnection<byte[], byte[]> connection = subscriber;
        return connection != null && connection.isOpen();
    }

    /**
     * Sends without waiting for Redis, and never fails; messages published by one thread arrive in the order they
     * were sent. While the connection is down a message is dropped, not queued: the client would hold every one in
     * memory until Redis came back (one sent in the instant before the client sees its connection close is sent
     * when it is back, before what follows).
     */
    public void publish(String channel, byte[] message) {
        StatefulRedisConnection<byte[], byte[]> connection = publisher;
        if (connection != null && connection.isOpen()) {
            try {
                connection.async().publish(bytes(channel), message);
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
        StatefulRedisConnection<byte[], byte[]> connection = publisher;
        if (connection == null || !connection.isOpen()) {
            return OptionalLong.empty();
        }
        try {
            Map<byte[], Long> counts = connection.async().pubsubNumsub(bytes(channel))
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
     * subscription when this returns, or it fails with {@link IllegalStateException} within seconds. Closing the
     * answer ends it.
     */
    public AutoCloseable subscribe(String channel, Consumer<byte[]> handler) {
        if (!shared) {
            throw new IllegalStateException("no Redis: nothing to subscribe to");
        }
        RedisFuture<Void> confirmed = register(channel, handler);
        if (confirmed == null) {
            unsubscribe(channel, handler);
            throw new IllegalStateException("Redis does not answer: no subscription to " + channel);
        }
        try {
            confirmed.get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            unsubscribe(channel, handler);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Redis did not confirm the subscription to " + channel + ": " + e, e);
        }
        return () -> unsubscribe(channel, handler);
    }

    /**
     * Calls the handler with each message published on the channel while this node is connected to Redis, from
     * whenever that is: for a node's own channels, which it hears from start to end. Closing the answer ends it.
     */
    public AutoCloseable subscribeWhenAble(String channel, Consumer<byte[]> handler) {
        if (shared) {
            register(channel, handler);
        }
        return () -> unsubscribe(channel, handler);
    }

    /**
     * Adds the handler and, for a channel's first, sends the subscription. The commands are sent in the order of
     * this lock; their answers are awaited outside it, since they arrive on the thread that also calls the
     * handlers, which may unsubscribe. Answers the subscription's answer to come; null while not connected.
     */
    private synchronized RedisFuture<Void> register(String channel, Consumer<byte[]> handler) {
        Set<Consumer<byte[]>> forChannel = handlers.computeIfAbsent(channel, k -> ConcurrentHashMap.newKeySet());
        forChannel.add(handler);
        StatefulRedisPubSubConnection<byte[], byte[]> connection = subscriber;
        if (connection == null) {
            return null;
        }
        if (forChannel.size() == 1 || !subscribing.containsKey(channel)) {
            try {
                subscribing.put(channel, connection.async().subscribe(bytes(channel)));
            } catch (RuntimeException e) { // not connected: subscribed again when the connection is back
                return null;
            }
        }
        return subscribing.get(channel);
    }

    private synchronized void unsubscribe(String channel, Consumer<byte[]> handler) {
        Set<Consumer<byte[]>> forChannel = handlers.get(channel);
        if (forChannel != null && forChannel.remove(handler) && forChannel.isEmpty()) {
            handlers.remove(channel);
            subscribing.remove(channel);
            StatefulRedisPubSubConnection<byte[], byte[]> connection = subscriber;
            if (connection != null) {
                try {
                    connection.async().unsubscribe(bytes(channel));
                } catch (RuntimeException e) { // not connected: Redis forgot the subscription with the connection
                    log.debug("unsubscribing from {}: {}", channel, e.toString());
                }
            }
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
        }
        if (publisher != null) {
            publisher.close();
        }
    }
}
