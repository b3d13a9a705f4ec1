package io.callvault.tenancy;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.callvault.CallVaultProperties;
import io.callvault.cluster.Invalidations;
import io.callvault.web.ApiException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating tenants and clients, and revoking clients. */
@Service
public class TenancyAdmin {

    private final TenantRepository tenants;
    private final ClientRepository clients;
    private final CallVaultProperties properties;
    private final Clock clock;
    private final Invalidations invalidations;

    public TenancyAdmin(TenantRepository tenants, ClientRepository clients, CallVaultProperties properties, Clock clock,
            Invalidations invalidations) {
        this.tenants = tenants;
        this.invalidations = invalidations;
        this.clients = clients;
        this.properties = properties;
        this.clock = clock;
    }

    public record NewTenant(String id, String name, String timeZone, Integer retentionDays, Integer retrievalWindowDays) {
    }

    public record NewClient(String name, List<String> tenants, List<String> scopes) {
    }

    /** What a new client is told once: its three credentials. Only their hashes are kept. */
    public record IssuedClient(String clientId, String name, String apiKey, String appId, String appSecret,
            String sourceUuid, Set<String> tenants, List<String> scopes) {
    }

    public Tenant createTenant(NewTenant request) {
        TenantId.require(request.id());
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw ApiException.badRequest("name is required, at most 200 characters");
        }
        ZoneId zone = properties.defaultTimeZone();
        if (request.timeZone() != null) {
            try {
                zone = ZoneId.of(request.timeZone());
            } catch (DateTimeException e) {
                throw ApiException.badRequest("timeZone '" + request.timeZone() + "' is not an IANA time zone");
            }
        }
        if (request.retentionDays() != null && request.retentionDays() < 1) {
            throw ApiException.badRequest("retentionDays must be at least 1, or null to keep forever");
        }
        int window = request.retrievalWindowDays() == null ? 31 : request.retrievalWindowDays();
        if (window < 1) {
            throw ApiException.badRequest("retrievalWindowDays must be at least 1");
        }
        Tenant tenant = new Tenant(request.id(), request.name(), zone, request.retentionDays(), window, clock.instant());
        try {
            tenants.insert(tenant);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("tenant '" + request.id() + "' already exists");
        }
        return tenant;
    }

    public IssuedClient createClient(NewClient request) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw ApiException.badRequest("name is required, at most 200 characters");
        }
        if (request.tenants() == null || request.tenants().isEmpty()) {
            throw ApiException.badRequest("tenants must list at least one tenant id");
        }
        Set<String> tenantIds = new LinkedHashSet<>();
        for (String id : request.tenants()) {
            if (!TenantId.isValid(id) || tenants.find(id).isEmpty()) {
                throw ApiException.badRequest("tenant '" + id + "' does not exist");
            }
            tenantIds.add(id);
        }
        if (request.scopes() == null || request.scopes().isEmpty()) {
            throw ApiException.badRequest("scopes must list read, ingest or both");
        }
        Set<Scope> scopes = new LinkedHashSet<>();
        for (String scope : request.scopes()) {
            try {
                scopes.add(Scope.fromWireName(scope));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        String apiKey = Secrets.newToken("cvk_");
        String appSecret = Secrets.newToken("");
        Client client = new Client(UUID.randomUUID().toString(), request.name(), UUID.randomUUID().toString(),
                "app_" + UUID.randomUUID().toString().replace("-", ""), tenantIds, scopes, clock.instant(), null);
        clients.insert(client, Secrets.sha256(apiKey), Secrets.sha256(appSecret));
        return new IssuedClient(client.id(), client.name(), apiKey, client.appId(), appSecret, client.sourceUuid(),
                tenantIds, scopes.stream().map(Scope::wireName).toList());
    }

    /** Every node forgets the client's credentials when the revocation commits (contract 1: they fail at once). */
    @Transactional
    public void revokeClient(String clientId) {
        if (!clients.revoke(clientId, clock.instant())) {
            throw ApiException.notFound("client '" + clientId + "' not found or already revoked");
        }
        invalidations.publish(Invalidations.Topic.CLIENT, clientId);
    }

    public Tenant tenant(String id) {
        return tenants.find(id).orElseThrow(() -> ApiException.notFound("tenant '" + id + "' not found"));
    }
}
