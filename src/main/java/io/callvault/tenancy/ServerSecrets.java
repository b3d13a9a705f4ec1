package io.callvault.tenancy;

import java.time.Clock;
import java.time.ZoneOffset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keys every node must share, made on first use and kept in the database. */
@Component
public class ServerSecrets {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ServerSecrets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String get(String name) {
        return jdbc.sql("select secret from server_secrets where name = ?").param(name).query(String.class).optional()
                .orElseGet(() -> create(name));
    }

    private String create(String name) {
        try {
            jdbc.sql("insert into server_secrets (name, secret, created_at) values (?, ?, ?)")
                    .params(name, Secrets.newToken(""), clock.instant().atOffset(ZoneOffset.UTC)).update();
        } catch (DuplicateKeyException raced) {
            // another node made it first: use theirs
        }
        return jdbc.sql("select secret from server_secrets where name = ?").param(name).query(String.class).single();
    }
}
