package io.callvault.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a node keeps what it cached ({@code CALLVAULT_CACHE_TTL}, default 60 s), for every {@link SharedCache}:
 * the bound on staleness should an invalidation be missed (docs/deployment.md). One setting, defaulted here only.
 */
@ConfigurationProperties("callvault.cache")
public record CacheSettings(@DefaultValue("60s") Duration ttl) {
}
