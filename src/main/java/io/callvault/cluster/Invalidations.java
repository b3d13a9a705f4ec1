package io.callvault.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Word that a row some node may have cached has changed. A change is published in the transaction that makes it:
 * on PostgreSQL as a NOTIFY, which the database delivers to every node's listener when (and only if) that
 * transaction commits; on this node also directly after the commit, so that the answer to the request that made
 * the change is never followed by a stale read here. The embedded database is opened by one process only, so there
 * the local delivery is all there is.
 * <p>
 * A node whose listener connection is down may have missed changes: {@link #live()} is then false and the caches
 * stop answering from memory until the listener is back (and has emptied them).
 */
@Component
public class Invalidations implements SmartLifecycle {

    /** What changed. The key says which one, or {@link #EVERYTHING}. */
    public enum Topic {
        CLIENT, RECORDING, TENANT
    }

    public static final String EVERYTHING = "*";

    static final String CHANNEL = "callvault_invalidations";
    private static final long CHECK_EVERY_NANOS = 5_000_000_000L;
    private static final int CHECK_TIMEOUT_SECONDS = 2;
    private static final Logger log = LoggerFactory.getLogger(Invalidations.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final boolean postgres;
    private final Map<Topic, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean live;
    private volatile boolean running;
    private volatile Connection listening;
    private Thread listener;

    public Invalidations(JdbcClient jdbc, DataSource dataSource) throws SQLException {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        try (Connection probe = dataSource.getConnection()) {
            this.postgres = probe.isWrapperFor(PGConnection.class);
        }
        this.live = !postgres;
    }

    /** Called with the key of every change of the topic, on this node's or another's. */
    public void subscribe(Topic topic, Consumer<String> subscriber) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    /** Announces a change; inside a transaction it is announced when, and only if, that transaction commits. */
    public void publish(Topic topic, String key) {
        if (postgres) {
            jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, topic.name() + ":" + key).query(rs -> { });
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(topic, key);
                }
            });
        } else {
            deliver(topic, key);
        }
    }

    /** True while every change made anywhere reaches this node: caches may answer from memory. */
    public boolean live() {
        return live;
    }

    /** Moves on with every change delivered: a cache fills only when no change arrived while it read the row. */
    public long generation() {
        return generation.get();
    }

    private void deliver(Topic topic, String key) {
        generation.incrementAndGet();
        for (Consumer<String> subscriber : subscribers.getOrDefault(topic, List.of())) {
            subscriber.accept(key);
        }
    }

    private void deliverEverything() {
        for (Topic topic : Topic.values()) {
            deliver(topic, EVERYTHING);
        }
    }

    private void dispatch(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        try {
            deliver(Topic.valueOf(payload.substring(0, colon)), payload.substring(colon + 1));
        } catch (IllegalArgumentException unknownTopic) {
            // a newer node's topic: this node caches nothing of it
        }
    }

    private void listen() {
        long backoff = 100;
        while (running) {
            try (Connection connection = openListenerConnection()) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                // whatever changed while this node was not listening is unknown: forget it all, then trust again
                deliverEverything();
                live = true;
                backoff = 100;
                log.info("listening for cache invalidations");
                long lastHeard = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getParameter());
                        }
                        lastHeard = System.nanoTime();
                    } else if (System.nanoTime() - lastHeard > CHECK_EVERY_NANOS) {
                        // a connection cut without a reset stays silent: ask the server, or stop trusting the caches
                        if (!connection.isValid(CHECK_TIMEOUT_SECONDS)) {
                            throw new SQLException("the listener connection no longer answers");
                        }
                        lastHeard = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                live = false;
                deliverEverything();
                if (running) {
                    log.warn("cache invalidation listener lost its connection ({}); caches are bypassed until it is back",
                            e.toString());
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 5000);
                }
            } finally {
                listening = null;
            }
        }
    }

    private Connection openListenerConnection() throws SQLException {
        // a connection of its own rather than one held out of the request pool for ever
        Connection connection = dataSource instanceof HikariDataSource hikari
                ? DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword())
                : dataSource.getConnection();
        connection.setAutoCommit(true);
        return connection;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        if (!postgres) {
            return;
        }
        running = true;
        listener = new Thread(this::listen, "cache-invalidations");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        live = !postgres;
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing is all that is wanted
            }
        }
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running || !postgres;
    }
}
