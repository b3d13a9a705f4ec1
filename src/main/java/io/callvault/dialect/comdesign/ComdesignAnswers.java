package io.callvault.dialect.comdesign;

import java.math.BigDecimal;
import java.util.List;

import io.callvault.catalog.Call;
import io.callvault.catalog.Recording;
import io.callvault.catalog.Transcript;

/** The dialect's answers, field for field in the vendor's order (contract 4). */
final class ComdesignAnswers {

    private ComdesignAnswers() {
    }

    /** 音声データ取得API's metadata part. */
    record AudioMetadata(String status, String tenantId, long sessionId, int recordId, Integer direction, String ani,
            String dnis, String agentId, String agentName, String skillName, String groupId, String groupName,
            String connectTime, String disconnectTime) {

        static AudioMetadata of(Call call, int recordId) {
            return new AudioMetadata("complete", call.tenantId(), Long.parseLong(call.callId()), recordId,
                    ComdesignCall.direction(call.direction()), call.ani(), call.dnis(), call.agentId(), call.agentName(),
                    call.skillName(), call.groupId(), call.groupName(), ComdesignCall.instant(call.connectTime()),
                    ComdesignCall.instant(call.disconnectTime()));
        }
    }

    /** 通話履歴取得API's answer. */
    record History(String status, List<HistoryCall> calls, String nextCursor) {
    }

    /** A call in history: the metadata without a recordId, its status, and its records. */
    record HistoryCall(String status, String tenantId, long sessionId, Integer direction, String ani, String dnis,
            String agentId, String agentName, String skillName, String groupId, String groupName, String connectTime,
            String disconnectTime, List<HistoryRecord> recordList) {

        static HistoryCall of(Call call, List<Recording> recordings) {
            return new HistoryCall(ComdesignCall.status(call), call.tenantId(), Long.parseLong(call.callId()),
                    ComdesignCall.direction(call.direction()), call.ani(), call.dnis(), call.agentId(), call.agentName(),
                    call.skillName(), call.groupId(), call.groupName(), ComdesignCall.instant(call.connectTime()),
                    ComdesignCall.instant(call.disconnectTime()), recordings.stream().map(HistoryRecord::of).toList());
        }
    }

    record HistoryRecord(int recordId, String state, String deviceId, String startTime, String endTime, long durationMs,
            long fileSize, String format) {

        static HistoryRecord of(Recording r) {
            return new HistoryRecord(r.recordId(), r.state().name(), r.deviceId(), ComdesignCall.instant(r.startTime()),
                    ComdesignCall.instant(r.endTime()), r.durationMs(), r.fileSize(),
                    r.audio() == null ? null : r.container().extension());
        }
    }

    record Complete(String status) {
        static final Complete INSTANCE = new Complete("complete");
    }

    /** 音声認識結果一括取得API: the conversation in the push format. */
    record Conversations(Conversation conversation) {
    }

    record Conversation(String status, String tenantId, long sessionId, Integer direction, String connectTime,
            String disconnectTime, boolean completed, List<RecordTranscript> recordList, String description) {

        static Conversation of(Call call, Transcript transcript) {
            return new Conversation(transcript.status() == null ? "complete" : transcript.status(), call.tenantId(),
                    Long.parseLong(call.callId()), ComdesignCall.direction(call.direction()),
                    ComdesignCall.instant(call.connectTime()), ComdesignCall.instant(call.disconnectTime()), call.complete(),
                    transcript.segments().stream().map(RecordTranscript::of).toList(), transcript.description());
        }
    }

    record RecordTranscript(int recordId, String ani, String dnis, String agentId, String agentName,
            List<Sentence> sentenceList) {

        static RecordTranscript of(Transcript.Segment s) {
            return new RecordTranscript(s.recordId(), s.ani(), s.dnis(), s.agentId(), s.agentName(), Sentence.of(s));
        }
    }

    /** 音声認識結果取得API: one record's transcript. */
    record RecordAnswer(String status, String tenantId, long sessionId, int recordId, String ani, String dnis,
            String agentId, String agentName, List<Sentence> sentenceList) {

        static RecordAnswer of(String tenantId, long sessionId, Transcript.Segment s) {
            return new RecordAnswer("complete", tenantId, sessionId, s.recordId(), s.ani(), s.dnis(), s.agentId(),
                    s.agentName(), Sentence.of(s));
        }
    }

    record Sentence(int sequence, int speakerId, BigDecimal startTime, BigDecimal endTime, String text) {

        static List<Sentence> of(Transcript.Segment s) {
            return s.sentences().stream()
                    .map(x -> new Sentence(x.sequence(), x.speakerId(), x.start(), x.end(), x.text())).toList();
        }
    }
}
