package io.callvault.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the calls (rows and audio) of each tenant with {@code retentionDays} that are older than that: by when
 * the call connected, or was first seen. Calls under legal hold are skipped. Runs every
 * {@code callvault.retention.interval} (1 h); several nodes may run it at once, since each deletion locks its call.
 */
@Component
public class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
    private static final Deletions.Actor RETENTION = new Deletions.Actor("system:retention", "retention", null);

    private final JdbcClient jdbc;
    private final Deletions deletions;
    private final Clock clock;

    public RetentionPurge(JdbcClient jdbc, Deletions deletions, Clock clock) {
        this.jdbc = jdbc;
        this.deletions = deletions;
        this.clock = clock;
    }

    private record Policy(String tenantId, int days) {
    }

    @Scheduled(initialDelayString = "${callvault.retention.initial-delay:5m}", fixedDelayString = "${callvault.retention.interval:1h}")
    public void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("retention purge failed: {}", e.toString());
        }
    }

    /** @return how many calls were deleted */
    public int purge() {
        int deleted = 0;
        List<Policy> policies = jdbc.sql("select id, retention_days from tenants where retention_days is not null")
                .query((rs, n) -> new Policy(rs.getString("id"), rs.getInt("retention_days"))).list();
        for (Policy policy : policies) {
            Instant cutoff = clock.instant().minus(Duration.ofDays(policy.days()));
            String reason = "retention: older than " + policy.days() + " days";
            while (true) {
                List<String> expired = jdbc.sql("select id from calls where tenant_id = ? and sort_time < ? and hold_reason is null"
                        + " order by sort_time limit 500").params(policy.tenantId(), cutoff.atOffset(ZoneOffset.UTC))
                        .query(String.class).list();
                if (expired.isEmpty()) {
                    break;
                }
                for (String callId : expired) {
                    try {
                        deletions.deleteCall(policy.tenantId(), callId, RETENTION, reason);
                        deleted++;
                    } catch (RuntimeException e) {
                        log.warn("retention could not delete call {} of tenant {}: {}", callId, policy.tenantId(), e.getMessage());
                    }
                }
                if (expired.size() < 500) {
                    break;
                }
            }
        }
        if (deleted > 0) {
            log.info("retention purge deleted {} call(s)", deleted);
        }
        return deleted;
    }
}
