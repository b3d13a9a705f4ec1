package io.callvault.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.callvault.cluster.CacheSettings;
import io.callvault.cluster.Invalidations;
import io.callvault.cluster.SharedCache;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class TenantRepository {

    private final JdbcClient jdbc;
    private final Invalidations invalidations;
    /** By id; every node forgets a tenant when an update of it commits. */
    private final SharedCache<String, Tenant> cache;

    public TenantRepository(JdbcClient jdbc, Invalidations invalidations,
            CacheSettings caching) {
        this.jdbc = jdbc;
        this.invalidations = invalidations;
        this.cache = new SharedCache<>(invalidations, caching.ttl(), 10_000);
        cache.forgetKeyOn(Invalidations.Topic.TENANT, id -> id);
    }

    public void insert(Tenant tenant) {
        jdbc.sql("""
                insert into tenants (id, name, time_zone, retention_days, retrieval_window_days, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(tenant.id(), tenant.name(), tenant.timeZone().getId(), tenant.retentionDays(),
                        tenant.retrievalWindowDays(), tenant.createdAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Name, zone, retention and window; the cache of every node forgets the tenant when this commits. */
    @Transactional
    public void update(Tenant tenant) {
        jdbc.sql("update tenants set name = ?, time_zone = ?, retention_days = ?, retrieval_window_days = ? where id = ?")
                .params(tenant.name(), tenant.timeZone().getId(), tenant.retentionDays(), tenant.retrievalWindowDays(),
                        tenant.id())
                .update();
        invalidations.publish(Invalidations.Topic.TENANT, tenant.id());
    }

    public List<Tenant> list() {
        return jdbc.sql("select * from tenants order by id").query(TenantRepository::map).list();
    }

    public Optional<Tenant> find(String id) {
        return cache.get(id, key -> jdbc.sql("select * from tenants where id = ?").param(key).query(TenantRepository::map).optional());
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        // read into an Integer: getInt answers 0 for NULL, and wasNull() must be asked right after that column
        Integer retention = rs.getObject("retention_days", Integer.class);
        return new Tenant(rs.getString("id"), rs.getString("name"), ZoneId.of(rs.getString("time_zone")),
                retention, rs.getInt("retrieval_window_days"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
