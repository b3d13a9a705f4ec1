package io.callvault.people;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code users} and {@code user_grants} tables. Read afresh on each request of a person: a change is at once. */
@Repository
class PersonRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    PersonRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Person> find(String username) {
        List<Optional<String>> hashes = jdbc.sql("select password_hash from users where username = ?").param(username)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).list();
        return hashes.isEmpty() ? Optional.empty()
                : Optional.of(new Person(username, hashes.get(0), grantsOf(username)));
    }

    /** Whether anyone can sign in yet: none before the first person is made (the sign-in page's first run). */
    boolean anyone() {
        return !jdbc.sql("select username from users fetch first 1 rows only").query(String.class).list().isEmpty();
    }

    List<Person> list() {
        Map<String, Optional<String>> hashes = new LinkedHashMap<>();
        jdbc.sql("select username, password_hash from users order by username")
                .query(rs -> {
                    hashes.put(rs.getString(1), Optional.ofNullable(rs.getString(2)));
                });
        List<Person> people = new ArrayList<>();
        hashes.forEach((username, hash) -> people.add(new Person(username, hash, grantsOf(username))));
        return people;
    }

    /** The people granted a role on the tenant, with that role only (their other grants are not the tenant's business). */
    List<TenantPeople.Member> onTenant(String tenantId) {
        return jdbc.sql("""
                select u.username, g.role, u.password_hash is null from users u
                join user_grants g on g.username = u.username where g.tenant_id = ? order by u.username""")
                .param(tenantId)
                .query((rs, n) -> new TenantPeople.Member(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
    }

    private List<Grant> grantsOf(String username) {
        return jdbc.sql("select tenant_id, role from user_grants where username = ? order by tenant_id").param(username)
                .query((rs, n) -> new Grant(rs.getString(1), Role.fromWireName(rs.getString(2)))).list();
    }

    /** @return false when the username is taken */
    @Transactional
    boolean insert(Person person) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        try {
            jdbc.sql("insert into users (username, password_hash, created_at, updated_at) values (?, ?, ?, ?)")
                    .params(person.username(), person.passwordHash().orElse(null), now, now).update();
        } catch (DuplicateKeyException taken) {
            return false;
        }
        insertGrants(person);
        return true;
    }

    @Transactional
    void update(Person person) {
        jdbc.sql("update users set password_hash = ?, updated_at = ? where username = ?")
                .params(person.passwordHash().orElse(null), clock.instant().atOffset(ZoneOffset.UTC), person.username())
                .update();
        jdbc.sql("delete from user_grants where username = ?").param(person.username()).update();
        insertGrants(person);
    }

    boolean delete(String username) {
        return jdbc.sql("delete from users where username = ?").param(username).update() > 0;
    }

    private void insertGrants(Person person) {
        for (Grant grant : person.grants()) {
            jdbc.sql("insert into user_grants (username, tenant_id, role) values (?, ?, ?)")
                    .params(person.username(), grant.tenant(), grant.role().wireName()).update();
        }
    }
}
