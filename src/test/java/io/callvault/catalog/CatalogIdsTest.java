package io.callvault.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.callvault.cluster.CacheSettings;
import io.callvault.cluster.Invalidations;
import io.callvault.tenancy.TenantId;
import io.callvault.web.ApiException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catalog's typed ids on a real (embedded) database: what an ill-formed id does (a write is refused with the
 * form, a lookup finds nothing and asks no question), and that a tenant's id scopes every lookup.
 */
class CatalogIdsTest {

    private static final TenantId TENANT = TenantId.of("t1");
    private Catalog catalog;

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:catalog-ids-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).load().migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        jdbc.sql("insert into tenants (id, name, time_zone, retrieval_window_days, created_at) values "
                + "('t1', 't1', 'UTC', 30, current_timestamp), ('t2', 't2', 'UTC', 30, current_timestamp)").update();
        catalog = new Catalog(new CallRepository(jdbc), new RecordingRepository(jdbc),
                new TranscriptRepository(jdbc, new JdbcTemplate(db)), Clock.systemUTC(), new Invalidations(jdbc, db),
                new CacheSettings(Duration.ofMinutes(1)));
    }

    @Test
    void aCallIsFoundByItsTypedIdsAndOnlyInItsTenant() {
        assertThat(catalog.upsertCall(TENANT, CallId.of("sip:1@pbx"), CallDetails.none())).isTrue();
        assertThat(catalog.findCall(TENANT, CallId.of("sip:1@pbx"))).map(Call::callId).contains("sip:1@pbx");
        assertThat(catalog.findCall(TenantId.of("t2"), CallId.of("sip:1@pbx"))).isEmpty();
    }

    @Test
    void anIllFormedCallIdIsRefusedOnWriteWithTheForm() {
        assertThatThrownBy(() -> catalog.upsertCall(TENANT, CallId.of("../etc"), CallDetails.none()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getMessage()).isEqualTo(CallId.FORMAT.describe());
                });
        assertThatThrownBy(() -> catalog.upsertCall(TENANT, CallId.of(".."), CallDetails.none()))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void anIllFormedIdIsNotFoundOnRead() {
        String tooLong = "c".repeat(129);
        assertThat(catalog.findCall(TENANT, CallId.of(tooLong))).isEmpty();
        assertThat(catalog.recordingsOf(TENANT, CallId.of("a/b"))).isEmpty();
        assertThat(catalog.findHold(TENANT, CallId.of(""))).isEmpty();
        assertThat(catalog.findRecording(TENANT, RecordingId.of("r".repeat(65)))).isEmpty();
        assertThatThrownBy(() -> catalog.recording(TENANT, RecordingId.of("nope")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    @Test
    void idsAreValuesAndSayWhatTheyHold() {
        assertThat(CallId.of("c-1")).isEqualTo(new CallId("c-1")).hasToString("c-1");
        assertThat(TenantId.of("t1")).isEqualTo(new TenantId("t1")).hasToString("t1");
        assertThat(CallId.of("c-1").isWellFormed()).isTrue();
        assertThat(CallId.of(".").isWellFormed()).isFalse();
        assertThat(RecordingId.of("r".repeat(64)).isWellFormed()).isTrue();
        assertThatThrownBy(() -> CallId.of(null)).isInstanceOf(NullPointerException.class);
    }
}
