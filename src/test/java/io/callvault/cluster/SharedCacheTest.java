package io.callvault.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.callvault.cluster.Invalidations.Topic;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The cache's own rules, on the embedded database, where a change is delivered in-process. */
class SharedCacheTest {

    private record Row(String id, String value) {
    }

    private Invalidations invalidations;
    private SharedCache<String, Row> cache;
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID());
        invalidations = new Invalidations(JdbcClient.create(dataSource), dataSource);
        cache = new SharedCache<>(invalidations, Duration.ofMinutes(1), 100);
        cache.forgetKeyOn(Topic.RECORDING, id -> id);
    }

    private Optional<Row> load(String id) {
        loads.incrementAndGet();
        return Optional.of(new Row(id, "v" + loads.get()));
    }

    @Test
    void aFoundRowIsReadOnceThenServedFromMemory() {
        assertThat(cache.get("a", this::load)).contains(new Row("a", "v1"));
        assertThat(cache.get("a", this::load)).contains(new Row("a", "v1"));
        assertThat(loads).hasValue(1);
    }

    @Test
    void anUnknownKeyIsAskedForEveryTime() {
        cache.get("missing", id -> {
            loads.incrementAndGet();
            return Optional.empty();
        });
        cache.get("missing", id -> {
            loads.incrementAndGet();
            return Optional.empty();
        });
        assertThat(loads).hasValue(2);
    }

    @Test
    void aChangeForgetsTheRowItConcernsAndOnlyThat() {
        cache.get("a", this::load);
        cache.get("b", this::load);
        invalidations.publish(Topic.RECORDING, "a");
        assertThat(cache.get("a", this::load)).contains(new Row("a", "v3"));
        assertThat(cache.get("b", this::load)).contains(new Row("b", "v2"));
        invalidations.publish(Topic.RECORDING, Invalidations.EVERYTHING);
        assertThat(cache.get("b", this::load)).contains(new Row("b", "v4"));
    }

    @Test
    void aRowReadWhileAChangeArrivedIsNotKept() {
        // the row read may predate the change: keeping it could serve a revoked client or a deleted recording
        assertThat(cache.get("a", id -> {
            invalidations.publish(Topic.CLIENT, "someone");
            return load(id);
        })).contains(new Row("a", "v1"));
        assertThat(cache.get("a", this::load)).contains(new Row("a", "v2"));
        assertThat(cache.get("a", this::load)).contains(new Row("a", "v2"));
    }

    @Test
    void aCacheKeyedOtherwiseFindsTheRowsAChangeConcernsByLooking() {
        SharedCache<String, Row> byValue = new SharedCache<>(invalidations, Duration.ofMinutes(1), 100);
        byValue.forgetOn(Topic.CLIENT, (owner, row) -> row.value().equals(owner));
        byValue.get("key-1", key -> Optional.of(new Row(key, "owner-1")));
        byValue.get("key-2", key -> Optional.of(new Row(key, "owner-2")));
        invalidations.publish(Topic.CLIENT, "owner-1");
        assertThat(byValue.get("key-1", key -> Optional.of(new Row(key, "reloaded")))).contains(new Row("key-1", "reloaded"));
        assertThat(byValue.get("key-2", key -> Optional.of(new Row(key, "reloaded")))).contains(new Row("key-2", "owner-2"));
    }

    @Test
    void aZeroTimeToLiveTurnsTheCacheOff() {
        SharedCache<String, Row> off = new SharedCache<>(invalidations, Duration.ZERO, 100);
        off.get("a", this::load);
        off.get("a", this::load);
        assertThat(loads).hasValue(2);
    }
}
