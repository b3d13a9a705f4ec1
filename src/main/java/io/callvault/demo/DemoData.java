package io.callvault.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import io.callvault.catalog.CallDetails;
import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Direction;
import io.callvault.catalog.Transcript;
import io.callvault.ingest.RecordingIngest;
import io.callvault.ingest.SegmentDetails;
import io.callvault.people.PeopleAdmin;
import io.callvault.server.CallVaultProperties;
import io.callvault.server.OwnerOnly;
import io.callvault.tenancy.Admin;
import io.callvault.tenancy.PlaybackSignatures;
import io.callvault.tenancy.TenancyAdmin;
import io.callvault.tenancy.TenantId;
import io.callvault.tenancy.TenantRepository;
import io.callvault.web.ApiException;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code --demo}: makes (once) a demo tenant, a demo client, a call with two recordings and a transcript, and a
 * demo person for the web player, and prints commands to try on all three surfaces. The client's credentials are shown once by the server, so the demo keeps them in
 * {@code <data>/demo-client.json} (0600) and reuses the client at each start, for as long as it is not revoked.
 * Everything goes through the real services.
 */
@Component
class DemoData {

    static final String TENANT = "demo";
    /** A decimal number, so that the call is also a Comdesign session. */
    static final String CALL = "1001";
    private static final Admin DEMO = new Admin("demo");
    static final String PERSON = "demo";

    private final CallVaultProperties properties;
    private final TenantRepository tenants;
    private final TenancyAdmin admin;
    private final Catalog catalog;
    private final RecordingIngest ingest;
    private final PlaybackSignatures signatures;
    private final JsonMapper json;
    private final Clock clock;
    private final PeopleAdmin people;
    private final SecureRandom random = new SecureRandom();

    DemoData(CallVaultProperties properties, TenantRepository tenants, TenancyAdmin admin, Catalog catalog,
            RecordingIngest ingest, PlaybackSignatures signatures, JsonMapper json, Clock clock, PeopleAdmin people) {
        this.people = people;
        this.properties = properties;
        this.tenants = tenants;
        this.admin = admin;
        this.catalog = catalog;
        this.ingest = ingest;
        this.signatures = signatures;
        this.json = json;
        this.clock = clock;
    }

    record DemoClient(String clientId, String apiKey, String appId, String appSecret, String sourceUuid) {
    }

    @EventListener
    void ready(ApplicationReadyEvent event) throws IOException {
        if (!properties.demo() || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String base = "http://localhost:" + web.getWebServer().getPort();
        if (tenants.find(TENANT).isEmpty()) {
            admin.createTenant(DEMO, new TenancyAdmin.NewTenant(TENANT, "Demo contact centre", null, null, null));
        }
        Instant connect = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        catalog.upsertCall(TenantId.of(TENANT), CallId.of(CALL), new CallDetails(Direction.Inbound, "+15551230001", "+15559870002", "agent-7",
                "Ada Lovelace", "Billing", "g-1", "Support", connect, connect.plusSeconds(6)));
        var first = ingest.ingest(TENANT, CALL, 1, new SegmentDetails("ext-7001", connect, connect.plusSeconds(3)),
                new ByteArrayInputStream(DemoAudio.dtmfMulawWav("5551234")), -1).recording();
        var second = ingest.ingest(TENANT, CALL, 2, new SegmentDetails("ext-7001", connect.plusSeconds(3), connect.plusSeconds(6)),
                new ByteArrayInputStream(DemoAudio.chimeMulawWav()), -1).recording();
        catalog.storeTranscript(new Transcript(TENANT, CALL, "complete", "demo", List.of(new Transcript.Segment(1,
                "+15551230001", "+15559870002", "agent-7", "Ada Lovelace", List.of(
                        new Transcript.Sentence(1, 2, BigDecimal.ZERO, BigDecimal.valueOf(1000), "Thank you for calling, this is Ada."),
                        new Transcript.Sentence(2, 1, BigDecimal.valueOf(1200), BigDecimal.valueOf(2400), "Here is my number."))))));
        String password = person();
        DemoClient client = client();
        long expires = clock.instant().plusSeconds(3600).getEpochSecond();
        String playUrl = base + "/v1/tenants/" + TENANT + "/recordings/" + first.id() + "/audio?expires=" + expires
                + "&client=" + client.clientId() + "&sig=" + signatures.sign(TENANT, first.id(), expires, client.clientId());
        System.out.println("""

                ── CallVault demo ─────────────────────────────────────────────
                Demo tenant '%1$s', call '%2$s' with two recordings (8 kHz μ-law: DTMF digits, then a chime).
                The demo client (kept in %10$s):
                  apiKey     %3$s
                  appId      %4$s
                  appSecret  %5$s
                  sourceUuid %11$s

                The web player: %7$s/ (sign in as 'demo', password %12$s; a new one at each start)

                Open in a browser (plays and seeks, no header needed, valid 1 h):
                  %6$s

                Native API:
                  curl -H 'Authorization: Bearer %3$s' %7$s/v1/tenants/%1$s/calls/%2$s
                  curl -H 'Authorization: Bearer %3$s' '%7$s/v1/tenants/%1$s/calls?limit=10&ani=555'
                  curl -H 'Authorization: Bearer %3$s' -o seg1.wav %7$s/v1/tenants/%1$s/recordings/%8$s/audio
                  curl -H 'Authorization: Bearer %3$s' -H 'Range: bytes=0-99' -i %7$s/v1/tenants/%1$s/recordings/%9$s/audio
                Wellcloud:
                  curl -X POST '%7$s/api/operation/operation/apply/token?appId=%4$s&appSecret=%5$s&type=tenant'
                  curl -H 'Authorization: %3$s' %7$s/api/operation/tenant/calls/%2$s/recordings2
                  curl -H 'Authorization: %3$s' -o call.wav %7$s/api/operation/tenant/calls/%2$s/recording/stream
                Comdesign CT-e1:
                  curl -X POST -H 'Authorization: %3$s' -H 'Content-Type: application/json' \\
                    -d '{"tenantId":"%1$s","sessionId":%2$s,"recordId":1}' -o audio_data.multipart \\
                    %7$s/general/v1/%11$s/call/audio_data
                ───────────────────────────────────────────────────────────────
                """.formatted(TENANT, CALL, client.apiKey(), client.appId(), client.appSecret(), playUrl, base, first.id(),
                second.id(), credentialsFile(), client.sourceUuid(), password));
    }

    /** The demo person, a tenant admin of the demo tenant, with a new password at each start (it is printed). */
    private String person() {
        byte[] secret = new byte[12];
        random.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        List<PeopleAdmin.GrantView> grants = List.of(new PeopleAdmin.GrantView(TENANT, "tenant-admin"));
        if (people.list().stream().anyMatch(p -> p.username().equals(PERSON))) {
            people.update(DEMO, PERSON, new PeopleAdmin.PersonChange(password, grants));
        } else {
            people.create(DEMO, new PeopleAdmin.NewPerson(PERSON, password, grants));
        }
        return password;
    }

    /** The demo client of an earlier start while it is active, else a new one, its credentials kept for the next. */
    private DemoClient client() throws IOException {
        Path file = credentialsFile();
        if (Files.exists(file)) {
            DemoClient kept = json.readValue(file.toFile(), DemoClient.class);
            try {
                if (admin.client(kept.clientId()).revokedAt() == null) {
                    return kept;
                }
            } catch (ApiException gone) {
                // another database than the one the file was written for: make a new client
            }
            Files.delete(file);
        }
        var issued = admin.createClient(DEMO, new TenancyAdmin.NewClient("demo client", List.of(TENANT), List.of("read", "ingest")));
        DemoClient made = new DemoClient(issued.clientId(), issued.apiKey(), issued.appId(), issued.appSecret(),
                issued.sourceUuid());
        OwnerOnly.newFile(file);
        Files.write(file, json.writeValueAsBytes(made));
        return made;
    }

    private Path credentialsFile() {
        return properties.dataDir().toAbsolutePath().normalize().resolve("demo-client.json");
    }
}
