package io.callvault.tenancy;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.callvault.server.CallVaultProperties;
import io.callvault.cluster.Invalidations;
import io.callvault.web.ApiException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Making, reading and changing tenants and clients; revoking and rotating clients' credentials. Each change audited. */
@Service
public class TenancyAdmin {

    /** How long a rotated client's previous key and secret stay good unless the admin says otherwise. */
    static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    static final Duration LONGEST_GRACE = Duration.ofDays(30);

    private final TenantRepository tenants;
    private final ClientRepository clients;
    private final AdminLog log;
    private final CallVaultProperties properties;
    private final Clock clock;
    private final Invalidations invalidations;

    public TenancyAdmin(TenantRepository tenants, ClientRepository clients, AdminLog log, CallVaultProperties properties,
            Clock clock, Invalidations invalidations) {
        this.tenants = tenants;
        this.clients = clients;
        this.log = log;
        this.invalidations = invalidations;
        this.properties = properties;
        this.clock = clock;
    }

    public record NewTenant(String id, String name, String timeZone, Integer retentionDays, Integer retrievalWindowDays) {
    }

    /**
     * A change of a tenant: fields left out keep their value; {@code clearRetention} (retentionDays sent as null)
     * means keep forever.
     */
    public record TenantChange(String name, String timeZone, Integer retentionDays, boolean clearRetention,
            Integer retrievalWindowDays) {
    }

    public record NewClient(String name, List<String> tenants, List<String> scopes) {
    }

    /** A change of a client; fields left out (null) keep their value. */
    public record ClientChange(String name, List<String> tenants, List<String> scopes) {
    }

    /** What a new client is told once: its three credentials. Only their hashes are kept. */
    public record IssuedClient(String clientId, String name, String apiKey, String appId, String appSecret,
            String sourceUuid, Set<String> tenants, List<String> scopes) {
    }

    /** A client as the admin sees it: never a secret. */
    public record ClientView(String clientId, String name, String appId, String sourceUuid, Set<String> tenants,
            List<String> scopes, Instant createdAt, Instant revokedAt) {

        static ClientView of(Client c) {
            return new ClientView(c.id(), c.name(), c.appId(), c.sourceUuid(), c.tenants(),
                    c.scopes().stream().map(Scope::wireName).sorted().toList(), c.createdAt(), c.revokedAt());
        }
    }

    /** New credentials, shown once, and until when the ones they replace are still good. */
    public record RotatedClient(String clientId, String apiKey, String appSecret, Instant previousValidUntil) {
    }

    public Tenant createTenant(Admin admin, NewTenant request) {
        TenantId.FORMAT.require(request.id());
        Tenant tenant = new Tenant(request.id(), name(request.name()),
                request.timeZone() == null ? properties.defaultTimeZone() : zone(request.timeZone()),
                retention(request.retentionDays()), window(request.retrievalWindowDays() == null ? 31 : request.retrievalWindowDays()),
                clock.instant());
        try {
            tenants.insert(tenant);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("tenant '" + request.id() + "' already exists");
        }
        log.record(admin, "tenant.create", tenant.id(), describe(tenant));
        return tenant;
    }

    public Tenant updateTenant(Admin admin, String id, TenantChange change) {
        Tenant before = tenant(id);
        Tenant after = new Tenant(id, change.name() == null ? before.name() : name(change.name()),
                change.timeZone() == null ? before.timeZone() : zone(change.timeZone()),
                change.clearRetention() ? null : change.retentionDays() == null ? before.retentionDays() : retention(change.retentionDays()),
                change.retrievalWindowDays() == null ? before.retrievalWindowDays() : window(change.retrievalWindowDays()),
                before.createdAt());
        tenants.update(after);
        log.record(admin, "tenant.update", id, describe(before) + " -> " + describe(after));
        return after;
    }

    /**
     * A tenant's retention set by someone who manages that tenant (its tenant admin), not by the server's admin: in
     * the same audit trail, saying who.
     */
    public Tenant setRetention(ClientPrincipal by, String address, String id, Integer retentionDays) {
        Tenant before = tenant(id);
        Tenant after = new Tenant(id, before.name(), before.timeZone(), retention(retentionDays),
                before.retrievalWindowDays(), before.createdAt());
        tenants.update(after);
        log.record(new Admin(address), "tenant.retention", id,
                "by " + by.clientId() + ": retentionDays " + before.retentionDays() + " -> " + after.retentionDays());
        return after;
    }

    public List<Tenant> tenants() {
        return tenants.list();
    }

    public Tenant tenant(String id) {
        return tenants.find(id).orElseThrow(() -> ApiException.notFound("tenant '" + id + "' not found"));
    }

    public IssuedClient createClient(Admin admin, NewClient request) {
        Set<String> tenantIds = tenantIds(request.tenants());
        Set<Scope> scopes = scopes(request.scopes());
        String apiKey = Secrets.newToken("cvk_");
        String appSecret = Secrets.newToken("");
        Client client = new Client(UUID.randomUUID().toString(), name(request.name()), UUID.randomUUID().toString(),
                "app_" + UUID.randomUUID().toString().replace("-", ""), tenantIds, scopes, clock.instant(), null);
        clients.insert(client, Secrets.sha256(apiKey), Secrets.sha256(appSecret));
        log.record(admin, "client.create", client.id(), describe(client));
        return new IssuedClient(client.id(), client.name(), apiKey, client.appId(), appSecret, client.sourceUuid(),
                tenantIds, scopes.stream().map(Scope::wireName).toList());
    }

    public List<ClientView> clients() {
        return clients.list().stream().map(ClientView::of).toList();
    }

    public ClientView client(String id) {
        return clients.find(id).map(ClientView::of).orElseThrow(() -> ApiException.notFound("client '" + id + "' not found"));
    }

    /** Every node forgets the client's cached credentials when the change commits. */
    @Transactional
    public ClientView updateClient(Admin admin, String id, ClientChange change) {
        Client before = clients.findActiveById(id)
                .orElseThrow(() -> ApiException.notFound("client '" + id + "' not found or revoked"));
        Client after = new Client(id, change.name() == null ? before.name() : name(change.name()), before.sourceUuid(),
                before.appId(), change.tenants() == null ? before.tenants() : tenantIds(change.tenants()),
                change.scopes() == null ? before.scopes() : scopes(change.scopes()), before.createdAt(), null);
        clients.update(after);
        invalidations.publish(Invalidations.Topic.CLIENT, id);
        log.record(admin, "client.update", id, describe(before) + " -> " + describe(after));
        return ClientView.of(after);
    }

    /**
     * A new API key and appSecret; the old ones stay good for the grace period (default 24 h, at most 30 days), so
     * that a site can roll the new ones out. appId and sourceUuid are names, not secrets, and stay.
     */
    @Transactional
    public RotatedClient rotateClient(Admin admin, String id, Integer graceSeconds) {
        Duration grace = graceSeconds == null ? DEFAULT_GRACE : Duration.ofSeconds(graceSeconds);
        if (grace.isNegative() || grace.compareTo(LONGEST_GRACE) > 0) {
            throw ApiException.badRequest("graceSeconds must be between 0 and " + LONGEST_GRACE.toSeconds());
        }
        String apiKey = Secrets.newToken("cvk_");
        String appSecret = Secrets.newToken("");
        Instant previousUntil = clock.instant().plus(grace);
        if (!clients.rotate(id, Secrets.sha256(apiKey), Secrets.sha256(appSecret), previousUntil)) {
            throw ApiException.notFound("client '" + id + "' not found or revoked");
        }
        invalidations.publish(Invalidations.Topic.CLIENT, id);
        log.record(admin, "client.rotate", id, "previous credentials valid until " + previousUntil);
        return new RotatedClient(id, apiKey, appSecret, previousUntil);
    }

    /** Every node forgets the client's credentials when the revocation commits (contract 1: they fail at once). */
    @Transactional
    public void revokeClient(Admin admin, String clientId) {
        if (!clients.revoke(clientId, clock.instant())) {
            throw ApiException.notFound("client '" + clientId + "' not found or already revoked");
        }
        invalidations.publish(Invalidations.Topic.CLIENT, clientId);
        log.record(admin, "client.revoke", clientId, null);
    }

    public AdminLog.Page auditTrail(int limit, String cursor) {
        return log.page(limit, cursor);
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.length() > 200 || name.indexOf('\0') >= 0) {
            throw ApiException.badRequest("name is required, at most 200 characters");
        }
        return name;
    }

    private static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("timeZone '" + timeZone + "' is not an IANA time zone");
        }
    }

    private static Integer retention(Integer days) {
        if (days != null && days < 1) {
            throw ApiException.badRequest("retentionDays must be at least 1, or null to keep forever");
        }
        return days;
    }

    private static int window(int days) {
        if (days < 1) {
            throw ApiException.badRequest("retrievalWindowDays must be at least 1");
        }
        return days;
    }

    private Set<String> tenantIds(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw ApiException.badRequest("tenants must list at least one tenant id");
        }
        Set<String> tenantIds = new LinkedHashSet<>();
        for (String id : ids) {
            if (!TenantId.FORMAT.isValid(id) || tenants.find(id).isEmpty()) {
                throw ApiException.badRequest("tenant '" + id + "' does not exist");
            }
            tenantIds.add(id);
        }
        return tenantIds;
    }

    private static Set<Scope> scopes(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw ApiException.badRequest("scopes must list one or more of read, ingest, delete, hold, audit, manage");
        }
        Set<Scope> scopes = new LinkedHashSet<>();
        for (String scope : names) {
            try {
                scopes.add(Scope.fromWireName(scope));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        return scopes;
    }

    private static String describe(Tenant t) {
        return "name=" + t.name() + " timeZone=" + t.timeZone() + " retentionDays=" + t.retentionDays()
                + " retrievalWindowDays=" + t.retrievalWindowDays();
    }

    private static String describe(Client c) {
        return "name=" + c.name() + " tenants=" + c.tenants() + " scopes=" + c.scopes().stream().map(Scope::wireName).sorted().toList();
    }
}
