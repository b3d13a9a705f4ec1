package io.callvault.tenancy;

import java.time.Instant;
import java.time.ZoneId;

public record Tenant(String id, String name, ZoneId timeZone, Integer retentionDays, int retrievalWindowDays,
        Instant createdAt) {
}
