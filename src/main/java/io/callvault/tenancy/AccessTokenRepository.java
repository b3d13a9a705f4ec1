package io.callvault.tenancy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Wellcloud access tokens, by the hash of the token: to whom and for which tenant each was issued, until when. */
@Repository
public class AccessTokenRepository {

    private final JdbcClient jdbc;

    public AccessTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Token(String clientId, String tenantId, Instant expiresAt) {
    }

    public void insert(String tokenHash, Token token) {
        jdbc.sql("insert into wellcloud_tokens (token_hash, client_id, tenant_id, expires_at) values (?, ?, ?, ?)")
                .params(tokenHash, token.clientId(), token.tenantId(), token.expiresAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    public Optional<Token> find(String tokenHash) {
        return jdbc.sql("select client_id, tenant_id, expires_at from wellcloud_tokens where token_hash = ?")
                .param(tokenHash)
                .query((rs, row) -> new Token(rs.getString("client_id"), rs.getString("tenant_id"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    public void deleteExpired(Instant now) {
        jdbc.sql("delete from wellcloud_tokens where expires_at < ?").param(now.atOffset(ZoneOffset.UTC)).update();
    }
}
