package io.callvault.tenancy;

import java.time.Instant;
import java.util.Set;

public record Client(String id, String name, String sourceUuid, String appId, Set<String> tenants, Set<Scope> scopes,
        Instant createdAt, Instant revokedAt) {

    public ClientPrincipal principal() {
        return new ClientPrincipal(id, name, tenants, scopes, java.util.Optional.empty());
    }
}
