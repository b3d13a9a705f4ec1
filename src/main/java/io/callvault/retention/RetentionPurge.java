package io.callvault.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.callvault.audit.AccessEvent;
import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.tenancy.Tenant;
import io.callvault.tenancy.TenantId;
import io.callvault.tenancy.TenantRepository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Deletions.Actor RETENTION = new Deletions.Actor("system:retention", AccessEvent.Via.RETENTION, null);

    private final TenantRepository tenants;
    private final Catalog catalog;
    private final Deletions deletions;
    private final Clock clock;

    public RetentionPurge(TenantRepository tenants, Catalog catalog, Deletions deletions, Clock clock) {
        this.tenants = tenants;
        this.catalog = catalog;
        this.deletions = deletions;
        this.clock = clock;
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
        for (Tenant tenant : tenants.list()) {
            if (tenant.retentionDays() == null) {
                continue;
            }
            Instant cutoff = clock.instant().minus(Duration.ofDays(tenant.retentionDays()));
            String reason = "retention: older than " + tenant.retentionDays() + " days";
            while (true) {
                List<CallId> expired = catalog.expiredUnheld(TenantId.of(tenant.id()), cutoff, 500);
                if (expired.isEmpty()) {
                    break;
                }
                for (CallId callId : expired) {
                    try {
                        deletions.deleteCall(tenant.id(), callId.value(), RETENTION, reason);
                        deleted++;
                    } catch (RuntimeException e) {
                        log.warn("retention could not delete call {} of tenant {}: {}", callId, tenant.id(), e.getMessage());
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
