package io.callvault.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.callvault.CallVaultProperties;
import io.callvault.catalog.CallDetails;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Direction;
import io.callvault.ingest.RecordingIngest;
import io.callvault.ingest.SegmentDetails;
import io.callvault.tenancy.PlaybackSignatures;
import io.callvault.tenancy.TenancyAdmin;
import io.callvault.tenancy.TenantRepository;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code --demo}: makes (once) a demo tenant and call with two recordings, a fresh client on every start
 * (its secrets cannot be shown again), and prints commands to try. Everything goes through the real services.
 */
@Component
class DemoData {

    static final String TENANT = "demo";
    static final String CALL = "demo-call-1";

    private final CallVaultProperties properties;
    private final TenantRepository tenants;
    private final TenancyAdmin admin;
    private final Catalog catalog;
    private final RecordingIngest ingest;
    private final PlaybackSignatures signatures;
    private final Clock clock;

    DemoData(CallVaultProperties properties, TenantRepository tenants, TenancyAdmin admin, Catalog catalog,
            RecordingIngest ingest, PlaybackSignatures signatures, Clock clock) {
        this.properties = properties;
        this.tenants = tenants;
        this.admin = admin;
        this.catalog = catalog;
        this.ingest = ingest;
        this.signatures = signatures;
        this.clock = clock;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) throws IOException {
        if (!properties.demo() || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String base = "http://localhost:" + web.getWebServer().getPort();
        if (tenants.find(TENANT).isEmpty()) {
            admin.createTenant(new TenancyAdmin.NewTenant(TENANT, "Demo contact centre", null, null, null));
        }
        Instant connect = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        catalog.upsertCall(TENANT, CALL, new CallDetails(Direction.Inbound, "+15551230001", "+15559870002", "agent-7",
                "Ada Lovelace", "Billing", "g-1", "Support", connect, connect.plusSeconds(6)));
        var first = ingest.ingest(TENANT, CALL, 1, new SegmentDetails("ext-7001", connect, connect.plusSeconds(3)),
                new ByteArrayInputStream(DemoAudio.dtmfMulawWav("5551234")), -1).recording();
        var second = ingest.ingest(TENANT, CALL, 2, new SegmentDetails("ext-7001", connect.plusSeconds(3), connect.plusSeconds(6)),
                new ByteArrayInputStream(DemoAudio.chimePcmWav()), -1).recording();
        var client = admin.createClient(new TenancyAdmin.NewClient("demo client", List.of(TENANT), List.of("read", "ingest")));
        long expires = clock.instant().plusSeconds(3600).getEpochSecond();
        String playUrl = base + "/v1/tenants/" + TENANT + "/recordings/" + first.id() + "/audio?expires=" + expires
                + "&client=" + client.clientId() + "&sig=" + signatures.sign(TENANT, first.id(), expires, client.clientId());
        String key = client.apiKey();
        System.out.println("""

                ── CallVault demo ─────────────────────────────────────────────
                Demo tenant '%1$s', call '%2$s' with two recordings (8 kHz μ-law DTMF, 16-bit PCM chime).
                A new demo client was made; its credentials are shown only now:
                  apiKey    %3$s
                  appId     %4$s
                  appSecret %5$s

                Open in a browser (plays and seeks, no header needed, valid 1 h):
                  %6$s

                Try:
                  curl -H 'Authorization: Bearer %3$s' %7$s/v1/tenants/%1$s/calls/%2$s
                  curl -H 'Authorization: Bearer %3$s' '%7$s/v1/tenants/%1$s/calls?limit=10'
                  curl -H 'Authorization: Bearer %3$s' -o seg1.wav %7$s/v1/tenants/%1$s/recordings/%8$s/audio
                  curl -H 'Authorization: Bearer %3$s' -H 'Range: bytes=0-99' -i %7$s/v1/tenants/%1$s/recordings/%9$s/audio
                  curl -X POST '%7$s/api/operation/operation/apply/token?appId=%4$s&appSecret=%5$s&type=tenant'
                  curl -H 'Authorization: %3$s' %7$s/api/operation/tenant/calls/%2$s/recordings2
                  curl -H 'Authorization: %3$s' -o call.wav %7$s/api/operation/tenant/calls/%2$s/recording/stream
                ───────────────────────────────────────────────────────────────
                """.formatted(TENANT, CALL, key, client.appId(), client.appSecret(), playUrl, base, first.id(), second.id()));
    }
}
