package io.callvault.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import io.callvault.cluster.Invalidations;
import io.callvault.cluster.SharedCache;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class TenantRepository {

    private final JdbcClient jdbc;
    /** A tenant's row never changes once created (there is no update), so nothing needs to invalidate it. */
    private final SharedCache<String, Tenant> cache;

    public TenantRepository(JdbcClient jdbc, Invalidations invalidations,
            @Value("${callvault.cache.ttl:60s}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.cache = new SharedCache<>(invalidations, cacheTtl, 10_000);
    }

    public void insert(Tenant tenant) {
        jdbc.sql("""
                insert into tenants (id, name, time_zone, retention_days, retrieval_window_days, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(tenant.id(), tenant.name(), tenant.timeZone().getId(), tenant.retentionDays(),
                        tenant.retrievalWindowDays(), tenant.createdAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    public Optional<Tenant> find(String id) {
        return cache.get(id, key -> jdbc.sql("select * from tenants where id = ?").param(key).query(TenantRepository::map).optional());
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        int retention = rs.getInt("retention_days");
        return new Tenant(rs.getString("id"), rs.getString("name"), ZoneId.of(rs.getString("time_zone")),
                rs.wasNull() ? null : retention, rs.getInt("retrieval_window_days"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
