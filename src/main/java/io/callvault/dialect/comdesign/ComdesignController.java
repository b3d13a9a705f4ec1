package io.callvault.dialect.comdesign;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.callvault.catalog.Call;
import io.callvault.catalog.CallCursor;
import io.callvault.catalog.CallDetails;
import io.callvault.catalog.CallId;
import io.callvault.catalog.CallQuery;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Transcript;
import io.callvault.dialect.comdesign.ComdesignAnswers.Complete;
import io.callvault.dialect.comdesign.ComdesignAnswers.Conversation;
import io.callvault.dialect.comdesign.ComdesignAnswers.Conversations;
import io.callvault.dialect.comdesign.ComdesignAnswers.History;
import io.callvault.dialect.comdesign.ComdesignAnswers.HistoryCall;
import io.callvault.dialect.comdesign.ComdesignAnswers.RecordAnswer;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.TenantId;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;


@RestController
@RequestMapping("/general/{apiVersion}/{sourceUuid}/call")
class ComdesignController {

    private static final int DEFAULT_HISTORY_LIMIT = 100;

    private final ComdesignGate gate;
    private final Catalog catalog;
    private final Clock clock;

    ComdesignController(ComdesignGate gate, Catalog catalog, Clock clock) {
        this.gate = gate;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** 通話履歴取得API: a keyset page of calls, newest first, each with its record list. */
    @PostMapping("/history")
    History history(@Admitted(Scope.READ) ComdesignGate.Entered entered) {
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
    Complete status(@Admitted(Scope.INGEST) ComdesignGate.Entered entered) {
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
        catalog.upsertCall(TenantId.of(tenantId), CallId.of(sessionId), new CallDetails(ComdesignCall.direction(r.optionalInt("direction")),
                r.optionalText("ani"), r.optionalText("dnis"), r.optionalText("agentId"), r.optionalText("agentName"),
                r.optionalText("skillName"), r.optionalText("groupId"), r.optionalText("groupName"), connect, disconnect));
        return Complete.INSTANCE;
    }

    /** 音声認識結果一括送信API: the recogniser pushes a call's transcripts; sending again replaces them. */
    @PostMapping("/speech_recognition_all/send")
    Complete sendTranscripts(@Admitted(value = Scope.INGEST, object = "conversation") ComdesignGate.Entered entered) {
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
        catalog.upsertCall(TenantId.of(tenantId), CallId.of(sessionId), new CallDetails(ComdesignCall.direction(direction), null, null, null,
                null, null, null, null, connect, disconnect));
        catalog.storeTranscript(new Transcript(tenantId, sessionId, conversation.optionalText("status"), description,
                segments));
        return Complete.INSTANCE;
    }

    /** 音声認識結果一括取得API: every stored transcript of a call, in the push format. */
    @PostMapping("/speech_recognition_all")
    Conversations transcripts(@Admitted(Scope.READ) ComdesignGate.Entered entered) {
        ComdesignRequest r = entered.body();
        String tenantId = entered.tenantId();
        String sessionId = r.sessionId();
        Call call = gate.call(tenantId, sessionId);
        Transcript transcript = catalog.transcript(TenantId.of(tenantId), CallId.of(sessionId))
                .orElseThrow(() -> ComdesignRequest.invalid("session " + sessionId + " has no speech-recognition results"));
        return new Conversations(Conversation.of(call, transcript));
    }

    /** 音声認識結果取得API: one record's transcript. */
    @PostMapping("/speech_recognition")
    RecordAnswer transcript(@Admitted(Scope.READ) ComdesignGate.Entered entered) {
        ComdesignRequest r = entered.body();
        String tenantId = entered.tenantId();
        String sessionId = r.sessionId();
        int recordId = r.recordId();
        gate.call(tenantId, sessionId);
        Transcript.Segment segment = catalog.transcriptOf(TenantId.of(tenantId), CallId.of(sessionId), recordId)
                .orElseThrow(() -> ComdesignRequest.invalid("session " + sessionId + " has no speech-recognition results for recordId " + recordId));
        return RecordAnswer.of(tenantId, Long.parseLong(sessionId), segment);
    }
}
