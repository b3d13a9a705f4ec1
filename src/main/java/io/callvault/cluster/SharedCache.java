package io.callvault.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.BiPredicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Rows the request path reads on every request and that change rarely (clients, recordings), kept in memory on
 * each node and forgotten as soon as {@link Invalidations} says they changed anywhere. Only found rows are kept;
 * an unknown key always asks the database. The time to live is a backstop, not the way changes arrive.
 */
public final class SharedCache<K, V> {

    private final Invalidations invalidations;
    private final Cache<K, V> entries;
    private final boolean enabled;

    public SharedCache(Invalidations invalidations, Duration timeToLive, long maximumSize) {
        this.invalidations = invalidations;
        this.enabled = !timeToLive.isZero() && !timeToLive.isNegative();
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(enabled ? timeToLive : Duration.ofSeconds(1))
                .maximumSize(maximumSize)
                .build();
    }

    /** The cached value, without asking the database. */
    public Optional<V> cached(K key) {
        if (!enabled || !invalidations.live()) {
            return Optional.empty();
        }
        return Optional.ofNullable(entries.getIfPresent(key));
    }

    /** The cached value, else the loader's answer (kept when no change arrived while it was read). */
    public Optional<V> get(K key, Function<K, Optional<V>> loader) {
        return get(key, loader, value -> true);
    }

    /** As {@link #get(Object, Function)}, keeping only answers that {@code keep} accepts (others change too often). */
    public Optional<V> get(K key, Function<K, Optional<V>> loader, java.util.function.Predicate<V> keep) {
        if (!enabled || !invalidations.live()) {
            return loader.apply(key);
        }
        V cached = entries.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long before = invalidations.generation();
        Optional<V> loaded = loader.apply(key);
        // a change delivered while the row was read may be newer than what was read: do not keep it
        if (loaded.isPresent() && keep.test(loaded.get()) && invalidations.generation() == before
                && invalidations.live()) {
            entries.put(key, loaded.get());
            if (invalidations.generation() != before) {
                entries.invalidate(key);
            }
        }
        return loaded;
    }

    /**
     * Forgets, on every change of the topic, the entry the change's key names (the cache is keyed the way changes
     * are announced), or all of them when the change is {@link Invalidations#EVERYTHING}.
     */
    public void forgetKeyOn(Invalidations.Topic topic, Function<String, K> keyOf) {
        invalidations.subscribe(topic, key -> {
            if (Invalidations.EVERYTHING.equals(key)) {
                entries.invalidateAll();
            } else {
                entries.invalidate(keyOf.apply(key));
            }
        });
    }

    /**
     * Forgets, on every change of the topic, the entries that change concerns, found by looking at each (for caches
     * keyed otherwise than their changes, and small): all of them when the change is
     * {@link Invalidations#EVERYTHING}, else those {@code concerns} matches with the change's key.
     */
    public void forgetOn(Invalidations.Topic topic, BiPredicate<String, V> concerns) {
        invalidations.subscribe(topic, key -> {
            if (Invalidations.EVERYTHING.equals(key)) {
                entries.invalidateAll();
            } else {
                entries.asMap().values().removeIf(value -> concerns.test(key, value));
            }
        });
    }
}
