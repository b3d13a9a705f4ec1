package io.callvault.dialect.comdesign;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.callvault.audit.AccessEvent;
import io.callvault.catalog.Call;
import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.catalog.RecordingState;
import io.callvault.delivery.AudioEndpoint;
import io.callvault.delivery.AudioResponder;
import io.callvault.delivery.MultipartAudio;
import io.callvault.delivery.RecordingAudio;
import io.callvault.dialect.comdesign.ComdesignAnswers.AudioMetadata;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.Tenant;
import io.callvault.tenancy.TenantId;
import io.callvault.tenancy.TenantRepository;
import io.callvault.web.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** 音声データ取得API: the metadata, then the audio, as multipart/form-data with a Content-Length. */
@Component
class ComdesignAudio implements AudioEndpoint {

    private final ComdesignGate gate;
    private final Catalog catalog;
    private final TenantRepository tenants;
    private final RecordingAudio audio;
    private final AudioResponder responder;
    private final RequestAllowance allowance;
    private final JsonMapper json;
    private final Clock clock;

    ComdesignAudio(ComdesignGate gate, Catalog catalog, TenantRepository tenants, RecordingAudio audio,
            AudioResponder responder, RequestAllowance allowance, JsonMapper json, Clock clock) {
        this.gate = gate;
        this.catalog = catalog;
        this.tenants = tenants;
        this.audio = audio;
        this.responder = responder;
        this.allowance = allowance;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String path() {
        return "/general/{apiVersion}/{sourceUuid}/call/audio_data";
    }

    @Override
    public Set<String> methods() {
        return Set.of("POST");
    }

    @Override
    public void serve(HttpServletRequest request, HttpServletResponse response, Map<String, String> path)
            throws IOException {
        ComdesignGate.Entered entered = gate.enter(path.get("apiVersion"), path.get("sourceUuid"), request, Scope.READ, null);
        ClientPrincipal principal = entered.principal();
        ComdesignRequest r = entered.body();
        String tenantId = entered.tenantId();
        String sessionId = r.sessionId();
        int recordId = r.recordId();
        Optional<Duration> wait = allowance.tryTake(principal.clientId(), tenantId);
        if (wait.isPresent()) {
            throw new ComdesignException(ComdesignError.TOO_MANY_REQUESTS,
                    "too many requests: retry after " + Failure.seconds(wait.get()) + " s", wait.get());
        }
        Call call = gate.call(tenantId, sessionId);
        if (!call.complete()) {
            throw new ComdesignException(ComdesignError.CALL_NOT_COMPLETED, "session " + sessionId + " has not ended yet");
        }
        Tenant tenant = tenants.find(tenantId).orElseThrow();
        Instant oldest = clock.instant().minus(Duration.ofDays(tenant.retrievalWindowDays()));
        if (!call.disconnectTime().isAfter(oldest)) { // "31 days or more" ago
            throw new ComdesignException(ComdesignError.AUDIO_EXPIRED, "session " + sessionId + " ended more than "
                    + tenant.retrievalWindowDays() + " days ago");
        }
        Recording recording = catalog.segment(TenantId.of(tenantId), CallId.of(call.callId()), recordId)
                .orElseThrow(() -> ComdesignRequest.invalid("session " + sessionId + " has no audio for recordId " + recordId));
        if (recording.state() == RecordingState.Recording) {
            throw new ComdesignException(ComdesignError.CALL_NOT_COMPLETED, "session " + sessionId + " recordId "
                    + recordId + " is still being recorded");
        }
        if (!recording.hasAudio()) {
            throw ComdesignRequest.invalid("session " + sessionId + " has no audio for recordId " + recordId);
        }

        String filename = tenantId + "_" + sessionId + "_" + recordId + "." + recording.container().extension();
        MultipartAudio document = MultipartAudio.of("metadata", json.writeValueAsBytes(AudioMetadata.of(call, recordId)),
                "audioFile", filename, audio.of(recording));
        AccessEvent read = new AccessEvent(principal.clientId(), tenantId, call.callId(), recording.id(),
                AccessEvent.Kind.DOWNLOAD, AccessEvent.Via.COMDESIGN, request.getRemoteAddr());
        responder.respondMultipart(document, read, request, response);
    }

    @Override
    public Failure failureOf(Exception e) {
        return ComdesignErrors.failureOf(e);
    }
}
