package io.callvault.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class ClientRepository {

    private final JdbcClient jdbc;

    public ClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void insert(Client client, String apiKeyHash, String appSecretHash) {
        jdbc.sql("""
                insert into clients (id, name, api_key_hash, app_id, app_secret_hash, source_uuid, scopes, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(client.id(), client.name(), apiKeyHash, client.appId(), appSecretHash, client.sourceUuid(),
                        client.scopes().stream().map(Scope::wireName).sorted().collect(Collectors.joining(",")),
                        client.createdAt().atOffset(ZoneOffset.UTC))
                .update();
        for (String tenant : client.tenants()) {
            jdbc.sql("insert into client_tenants (client_id, tenant_id) values (?, ?)").params(client.id(), tenant).update();
        }
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

    /** The client with this appId, when active, with its stored secret hash for a constant-time check. */
    public Optional<ClientWithSecret> findActiveByAppId(String appId) {
        return jdbc.sql("select * from clients where app_id = ? and revoked_at is null").param(appId)
                .query((rs, row) -> new ClientWithSecret(map(rs, row), rs.getString("app_secret_hash")))
                .optional()
                .map(found -> new ClientWithSecret(withTenants(found.client()), found.appSecretHash()));
    }

    public boolean revoke(String id, Instant at) {
        return jdbc.sql("update clients set revoked_at = ? where id = ? and revoked_at is null")
                .params(at.atOffset(ZoneOffset.UTC), id).update() == 1;
    }

    /** The client and its tenants in one round trip: this runs on every authenticated request. */
    private Optional<Client> findActive(String column, String value) {
        List<Client> rows = new java.util.ArrayList<>();
        Set<String> tenants = new LinkedHashSet<>();
        jdbc.sql("select c.*, ct.tenant_id from clients c left join client_tenants ct on ct.client_id = c.id"
                + " where c." + column + " = ? and c.revoked_at is null").param(value)
                .query(rs -> {
                    if (rows.isEmpty()) {
                        rows.add(map(rs, 0));
                    }
                    String tenant = rs.getString("tenant_id");
                    if (tenant != null) {
                        tenants.add(tenant);
                    }
                });
        return rows.stream().findFirst().map(c -> new Client(c.id(), c.name(), c.sourceUuid(), c.appId(),
                Set.copyOf(tenants), c.scopes(), c.createdAt(), c.revokedAt()));
    }

    private Client withTenants(Client client) {
        Set<String> tenants = new LinkedHashSet<>(jdbc.sql("select tenant_id from client_tenants where client_id = ? order by tenant_id")
                .param(client.id()).query(String.class).list());
        return new Client(client.id(), client.name(), client.sourceUuid(), client.appId(), Set.copyOf(tenants),
                client.scopes(), client.createdAt(), client.revokedAt());
    }

    private static Client map(ResultSet rs, int row) throws SQLException {
        Set<Scope> scopes = Arrays.stream(rs.getString("scopes").split(","))
                .filter(s -> !s.isBlank()).map(Scope::fromWireName).collect(Collectors.toUnmodifiableSet());
        OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
        return new Client(rs.getString("id"), rs.getString("name"), rs.getString("source_uuid"), rs.getString("app_id"),
                Set.of(), scopes, rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                revoked == null ? null : revoked.toInstant());
    }

    public record ClientWithSecret(Client client, String appSecretHash) {
    }
}
