package io.callvault.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** API clients, their tenants and the hashes of their credentials (current and, for a grace period, previous). */
@Repository
public class ClientRepository {

    private final JdbcClient jdbc;

    public ClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A client found by a credential, and until when that credential is good (a previous one only for its grace). */
    public record Match(Client client, Instant validUntil) {
    }

    @Transactional
    public void insert(Client client, String apiKeyHash, String appSecretHash) {
        jdbc.sql("""
                insert into clients (id, name, api_key_hash, app_id, app_secret_hash, source_uuid, scopes, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(client.id(), client.name(), apiKeyHash, client.appId(), appSecretHash, client.sourceUuid(),
                        scopes(client.scopes()), client.createdAt().atOffset(ZoneOffset.UTC))
                .update();
        insertTenants(client.id(), client.tenants());
    }

    /** Name, tenants and scopes of an active client; false when there is none. */
    @Transactional
    public boolean update(Client client) {
        int updated = jdbc.sql("update clients set name = ?, scopes = ? where id = ? and revoked_at is null")
                .params(client.name(), scopes(client.scopes()), client.id()).update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("delete from client_tenants where client_id = ?").param(client.id()).update();
        insertTenants(client.id(), client.tenants());
        return true;
    }

    /** New key and secret; the ones they replace stay good until {@code previousUntil}. False when not active. */
    public boolean rotate(String id, String apiKeyHash, String appSecretHash, Instant previousUntil) {
        return jdbc.sql("""
                update clients set previous_api_key_hash = api_key_hash, previous_app_secret_hash = app_secret_hash,
                  previous_valid_until = ?, api_key_hash = ?, app_secret_hash = ?
                where id = ? and revoked_at is null""")
                .params(previousUntil.atOffset(ZoneOffset.UTC), apiKeyHash, appSecretHash, id).update() == 1;
    }

    /** The active client whose current key, or previous key still in its grace period, has this hash. */
    public Optional<Match> findActiveByAnyApiKeyHash(String apiKeyHash, Instant now) {
        Optional<Client> current = findActive("api_key_hash", apiKeyHash);
        if (current.isPresent()) {
            return Optional.of(new Match(current.get(), Instant.MAX));
        }
        return jdbc.sql("select id, previous_valid_until from clients where previous_api_key_hash = ? and revoked_at is null")
                .param(apiKeyHash)
                .query((rs, row) -> new Object[] {rs.getString("id"), rs.getObject("previous_valid_until", OffsetDateTime.class)})
                .optional()
                .filter(row -> row[1] != null && ((OffsetDateTime) row[1]).toInstant().isAfter(now))
                .flatMap(row -> findActiveById((String) row[0])
                        .map(client -> new Match(client, ((OffsetDateTime) row[1]).toInstant())));
    }

    public Optional<Client> findActiveByApiKeyHash(String apiKeyHash) {
        return findActive("api_key_hash", apiKeyHash);
    }

    public Optional<Client> findActiveBySourceUuid(String sourceUuid) {
        return findActive("source_uuid", sourceUuid);
    }

    public Optional<Client> findActiveById(String id) {
        return findActive("id", id);
    }

    /** Every client, revoked ones included, with their tenants, in order of creation. */
    public List<Client> list() {
        Map<String, Client> byId = new LinkedHashMap<>();
        Map<String, Set<String>> tenants = new LinkedHashMap<>();
        jdbc.sql("select c.*, ct.tenant_id from clients c left join client_tenants ct on ct.client_id = c.id"
                + " order by c.created_at, c.id, ct.tenant_id")
                .query(rs -> {
                    String id = rs.getString("id");
                    if (!byId.containsKey(id)) {
                        byId.put(id, map(rs));
                    }
                    String tenant = rs.getString("tenant_id");
                    Set<String> of = tenants.computeIfAbsent(id, key -> new LinkedHashSet<>());
                    if (tenant != null) {
                        of.add(tenant);
                    }
                });
        return byId.values().stream().map(c -> withTenants(c, tenants.get(c.id()))).toList();
    }

    /** The client, revoked or not. */
    public Optional<Client> find(String id) {
        return find("id", id, false);
    }

    /** The client with this appId, when active, with its secret hashes for a constant-time check. */
    public Optional<ClientWithSecret> findActiveByAppId(String appId) {
        return jdbc.sql("select * from clients where app_id = ? and revoked_at is null").param(appId)
                .query((rs, row) -> {
                    OffsetDateTime until = rs.getObject("previous_valid_until", OffsetDateTime.class);
                    return new ClientWithSecret(map(rs), rs.getString("app_secret_hash"),
                            rs.getString("previous_app_secret_hash"), until == null ? Instant.MIN : until.toInstant());
                })
                .optional()
                .map(found -> new ClientWithSecret(withTenants(found.client(), tenantsOf(found.client().id())),
                        found.appSecretHash(), found.previousAppSecretHash(), found.previousValidUntil()));
    }

    public boolean revoke(String id, Instant at) {
        return jdbc.sql("update clients set revoked_at = ? where id = ? and revoked_at is null")
                .params(at.atOffset(ZoneOffset.UTC), id).update() == 1;
    }

    /** The client and its tenants in one round trip: this runs on every authentication that misses the cache. */
    private Optional<Client> findActive(String column, String value) {
        return find(column, value, true);
    }

    private Optional<Client> find(String column, String value, boolean activeOnly) {
        List<Client> rows = new ArrayList<>();
        Set<String> tenants = new LinkedHashSet<>();
        jdbc.sql("select c.*, ct.tenant_id from clients c left join client_tenants ct on ct.client_id = c.id"
                + " where c." + column + " = ?" + (activeOnly ? " and c.revoked_at is null" : "")).param(value)
                .query(rs -> {
                    if (rows.isEmpty()) {
                        rows.add(map(rs));
                    }
                    String tenant = rs.getString("tenant_id");
                    if (tenant != null) {
                        tenants.add(tenant);
                    }
                });
        return rows.stream().findFirst().map(c -> withTenants(c, tenants));
    }

    private Set<String> tenantsOf(String clientId) {
        return new LinkedHashSet<>(jdbc.sql("select tenant_id from client_tenants where client_id = ? order by tenant_id")
                .param(clientId).query(String.class).list());
    }

    private void insertTenants(String clientId, Set<String> tenants) {
        for (String tenant : tenants) {
            jdbc.sql("insert into client_tenants (client_id, tenant_id) values (?, ?)").params(clientId, tenant).update();
        }
    }

    private static Client withTenants(Client client, Set<String> tenants) {
        return new Client(client.id(), client.name(), client.sourceUuid(), client.appId(), Set.copyOf(tenants),
                client.scopes(), client.createdAt(), client.revokedAt());
    }

    private static String scopes(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wireName).sorted().collect(Collectors.joining(","));
    }

    private static Client map(ResultSet rs) throws SQLException {
        Set<Scope> scopes = Arrays.stream(rs.getString("scopes").split(","))
                .filter(s -> !s.isBlank()).map(Scope::fromWireName).collect(Collectors.toUnmodifiableSet());
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new Client(rs.getString("id"), rs.getString("name"), rs.getString("source_uuid"), rs.getString("app_id"),
                Set.of(), scopes, rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    /** Seals (or with null, removes) the client's AudioHook secret; false when the client is not active. */
    public boolean setAudioHookSecret(String id, String sealed) {
        return jdbc.sql("update clients set audiohook_secret = ? where id = ? and revoked_at is null")
                .params(sealed, id).update() == 1;
    }

    public Optional<String> audioHookSecret(String id) {
        return jdbc.sql("select audiohook_secret from clients where id = ? and revoked_at is null").param(id)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(secret -> secret);
    }

    public record ClientWithSecret(Client client, String appSecretHash, String previousAppSecretHash,
            Instant previousValidUntil) {
    }
}
