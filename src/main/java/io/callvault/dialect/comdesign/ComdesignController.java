package io.callvault.dialect.comdesign;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.callvault.audit.AccessEvent;
import io.callvault.catalog.Call;
import io.callvault.catalog.CallCursor;
import io.callvault.catalog.CallDetails;
import io.callvault.catalog.CallQuery;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.catalog.RecordingState;
import io.callvault.catalog.Transcript;
import io.callvault.delivery.AudioResponder;
import io.callvault.delivery.MultipartAudio;
import io.callvault.delivery.RecordingAudio;
import io.callvault.dialect.comdesign.ComdesignAnswers.AudioMetadata;
import io.callvault.dialect.comdesign.ComdesignAnswers.Complete;
import io.callvault.dialect.comdesign.ComdesignAnswers.Conversation;
import io.callvault.dialect.comdesign.ComdesignAnswers.Conversations;
import io.callvault.dialect.comdesign.ComdesignAnswers.History;
import io.callvault.dialect.comdesign.ComdesignAnswers.HistoryCall;
import io.callvault.dialect.comdesign.ComdesignAnswers.RecordAnswer;
import io.callvault.tenancy.AuthenticationException;
import io.callvault.tenancy.Authenticator;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.Tenant;
import io.callvault.tenancy.TenantRepository;
import io.callvault.web.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/general/{apiVersion}/{sourceUuid}/call")
class ComdesignController {

    private static final int DEFAULT_HISTORY_LIMIT = 100;

    private final Authenticator authenticator;
    private final Catalog catalog;
    private final TenantRepository tenants;
    private final RecordingAudio audio;
    private final AudioResponder responder;
    private final RequestAllowance allowance;
    private final JsonMapper json;
    private final Clock clock;

    ComdesignController(Authenticator authenticator, Catalog catalog, TenantRepository tenants, RecordingAudio audio,
            AudioResponder responder, RequestAllowance allowance, JsonMapper json, Clock clock) {
        this.authenticator = authenticator;
        this.catalog = catalog;
        this.tenants = tenants;
        this.audio = audio;
        this.responder = responder;
        this.allowance = allowance;
        this.json = json;
        this.clock = clock;
    }

    /** 音声データ取得API: the metadata, then the audio, as multipart/form-data with a Content-Length. */
    @PostMapping("/audio_data")
    void audioData(@PathVariable String apiVersion, @PathVariable String sourceUuid,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Entered entered = enter(apiVersion, sourceUuid, request, Scope.READ, null);
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
        Call call = call(tenantId, sessionId);
        if (!call.complete()) {
            throw new ComdesignException(ComdesignError.CALL_NOT_COMPLETED, "session " + sessionId + " has not ended yet");
        }
        Tenant tenant = tenants.find(tenantId).orElseThrow();
        Instant oldest = clock.instant().minus(Duration.ofDays(tenant.retrievalWindowDays()));
        if (!call.disconnectTime().isAfter(oldest)) { // "31 days or more" ago
            throw new ComdesignException(ComdesignError.AUDIO_EXPIRED, "session " + sessionId + " ended more than "
                    + tenant.retrievalWindowDays() + " days ago");
        }
        Recording recording = catalog.segment(tenantId, call.callId(), recordId)
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

    /** 通話履歴取得API: a keyset page of calls, newest first, each with its record list. */
    @PostMapping("/history")
    History history(@PathVariable String apiVersion, @PathVariable String sourceUuid, HttpServletRequest request)
            throws IOException {
        Entered entered = enter(apiVersion, sourceUuid, request, Scope.READ, null);
        ComdesignRequest r = entered.body();
        String tenantId = entered.tenantId();
        Instant from = r.instant("from");
        Instant to = r.instant("to");
        Integer limit = r.optionalInt("limit");
        int pageSize = limit == null ? DEFAULT_HISTORY_LIMIT : limit;
        if (pageSize < 1 || pageSize > Catalog.MAX_PAGE) {
            throw ComdesignRequest.invalid("limit must be between 1 and " + Catalog.MAX_PAGE);
        }
        String cursor = r.optionalText("cursor");
        // only calls whose id is a session number exist here: filtered in the query, so no page comes back empty
        Catalog.CallPage page = catalog.search(CallQuery.between(tenantId, from, to, pageSize,
                cursor == null ? null : CallCursor.decode(cursor)).onlySessionNumbers());
        return new History("complete", page.calls().stream().map(c -> HistoryCall.of(c.call(), c.recordings())).toList(),
                page.nextCursor());
    }

    /** 通話ステータス通知API: ringing, connected, disconnected (which completes the call). */
    @PostMapping("/status")
    Complete status(@PathVariable String apiVersion, @PathVariable String sourceUuid,
            HttpServletRequest request) throws IOException {
        Entered entered = enter(apiVersion, sourceUuid, request, Scope.INGEST, null);
        ComdesignRequest r = entered.body();
        String tenantId = entered.tenantId();
        String sessionId = r.sessionId();
        String status = r.text("status");
        Instant connect = r.optionalInstant("connectTime");
        Instant disconnect = r.optionalInstant("disconnectTime");
        switch (status) {
            case "ringing" -> {
            }
            case "connected" -> connect = connect == null ? clock.instant() : connect;
            case "disconnected" -> disconnect = disconnect == null ? clock.instant() : disconnect;
            default -> throw ComdesignRequest.invalid("status '" + status + "' is not ringing, connected or disconnected");
        }
        catalog.upsertCall(tenantId, sessionId, new CallDetails(ComdesignCall.direction(r.optionalInt("direction")),
                r.optionalText("ani"), r.optionalText("dnis"), r.optionalText("agentId"), r.optionalText("agentName"),
                r.optionalText("skillName"), r.optionalText("groupId"), r.optionalText("groupName"), connect, disconnect));
        return Complete.INSTANCE;
    }

    /** 音声認識結果一括送信API: the recogniser pushes a call's transcripts; sending again replaces them. */
    @PostMapping("/speech_recognition_all/send")
    Complete sendTranscripts(@PathVariable String apiVersion, @PathVariable String sourceUuid,
            HttpServletRequest request) throws IOException {
        Entered entered = enter(apiVersion, sourceUuid, request, Scope.INGEST, "conversation");
        ComdesignRequest conversation = entered.body();
        String tenantId = entered.tenantId();
        String sessionId = conversation.sessionId();
        Integer direction = conversation.optionalInt("direction");
        Instant connect = conversation.optionalInstant("connectTime");
        Instant disconnect = conversation.optionalInstant("disconnectTime");
        conversation.optionalFlag("completed");
        List<Transcript.Segment> segments = new ArrayList<>();
        Set<Integer> recordIds = new HashSet<>();
        for (ComdesignRequest record : conversation.array("recordList")) {
            int recordId = record.recordId();
            if (!recordIds.add(recordId)) {
                throw ComdesignRequest.invalid("recordId " + recordId + " is listed twice");
            }
            List<Transcript.Sentence> sentences = new ArrayList<>();
            Set<Integer> sequences = new HashSet<>();
            for (ComdesignRequest sentence : record.array("sentenceList")) {
                int sequence = sentence.requiredInt("sequence");
                if (!sequences.add(sequence)) {
                    throw ComdesignRequest.invalid("sequence " + sequence + " is listed twice in recordId " + recordId);
                }
                String text = sentence.text("text");
                if (text.length() > 16000) {
                    throw ComdesignRequest.invalid("a sentence is at most 16000 characters");
                }
                sentences.add(new Transcript.Sentence(sequence, sentence.requiredInt("speakerId"),
                        sentence.optionalNumber("startTime"), sentence.optionalNumber("endTime"), text));
            }
            segments.add(new Transcript.Segment(recordId, record.optionalText("ani"), record.optionalText("dnis"),
                    record.optionalText("agentId"), record.optionalText("agentName"), sentences));
        }
        String description = conversation.optionalText("description");
        if (description != null && description.length() > 4000) {
            throw ComdesignRequest.invalid("description is at most 4000 characters");
        }
        catalog.upsertCall(tenantId, sessionId, new CallDetails(ComdesignCall.direction(direction), null, null, null,
                null, null, null, null, connect, disconnect));
        catalog.storeTranscript(new Transcript(tenantId, sessionId, conversation.optionalText("status"), description,
                segments));
        return Complete.INSTANCE;
    }

    /** 音声認識結果一括取得API: every stored transcript of a call, in the push format. */
    @PostMapping("/speech_recognition_all")
    Conversations transcripts(@PathVariable String apiVersion, @PathVariable String sourceUuid,
            HttpServletRequest request) throws IOException {
        Entered entered = enter(apiVersion, sourceUuid, request, Scope.READ, null);
        ComdesignRequest r = entered.body();
        String tenantId = entered.tenantId();
        String sessionId = r.sessionId();
        Call call = call(tenantId, sessionId);
        Transcript transcript = catalog.transcript(tenantId, sessionId)
                .orElseThrow(() -> ComdesignRequest.invalid("session " + sessionId + " has no speech-recognition results"));
        return new Conversations(Conversation.of(call, transcript));
    }

    /** 音声認識結果取得API: one record's transcript. */
    @PostMapping("/speech_recognition")
    RecordAnswer transcript(@PathVariable String apiVersion, @PathVariable String sourceUuid,
            HttpServletRequest request) throws IOException {
        Entered entered = enter(apiVersion, sourceUuid, request, Scope.READ, null);
        ComdesignRequest r = entered.body();
        String tenantId = entered.tenantId();
        String sessionId = r.sessionId();
        int recordId = r.recordId();
        call(tenantId, sessionId);
        Transcript.Segment segment = catalog.transcriptOf(tenantId, sessionId, recordId)
                .orElseThrow(() -> ComdesignRequest.invalid("session " + sessionId + " has no speech-recognition results for recordId " + recordId));
        return RecordAnswer.of(tenantId, Long.parseLong(sessionId), segment);
    }

    /** A request let in: who sent it, its body (or the object that holds the request's fields), its tenant. */
    private record Entered(ClientPrincipal principal, ComdesignRequest body, String tenantId) {
    }

    /**
     * Each handler's one authorization declaration, mapped onto the shared principal: the key must be the one of the
     * client that owns the path's sourceUuid (401 otherwise, not saying which part was wrong), the apiVersion must be
     * known, and the body's tenantId one the client may use with this scope (else TENANT_NOT_PERMITTED).
     *
     * @param object the field whose object carries tenantId (the transcript push's conversation), or null for the body
     */
    private Entered enter(String apiVersion, String sourceUuid, HttpServletRequest request, Scope scope, String object)
            throws IOException {
        ClientPrincipal principal = authenticator.clientOfSource(sourceUuid, request.getHeader(HttpHeaders.AUTHORIZATION),
                request.getRemoteAddr()).orElseThrow(() -> new AuthenticationException(AuthenticationException.Reason.INVALID,
                        "the API key is missing, unknown, or not the one of this sourceUuid"));
        if (!"v1".equals(apiVersion)) {
            throw ComdesignRequest.invalid("apiVersion '" + apiVersion + "' is not known: use v1");
        }
        ComdesignRequest body = ComdesignRequest.parse(json, request.getInputStream());
        if (object != null) {
            body = body.object(object);
        }
        String tenantId = body.text("tenantId");
        if (!principal.permits(tenantId)) {
            throw new ComdesignException(ComdesignError.TENANT_NOT_PERMITTED, "tenant " + tenantId + " is not permitted to this client");
        }
        if (!principal.scopes().contains(scope)) {
            throw new ComdesignException(ComdesignError.TENANT_NOT_PERMITTED,
                    "this client may not " + scope.wireName() + " for tenant " + tenantId);
        }
        return new Entered(principal, body, tenantId);
    }

    private Call call(String tenantId, String sessionId) {
        return catalog.findCall(tenantId, sessionId)
                .orElseThrow(() -> ComdesignRequest.invalid("session " + sessionId + " does not exist"));
    }
}
