package io.callvault.catalog;

import java.math.BigDecimal;
import java.util.List;

/** A recording's transcript as the native API shows it. */
public record TranscriptView(String recordingId, String callId, int recordId, String ani, String dnis, String agentId,
        String agentName, List<SentenceView> sentences) {

    /** @param speaker {@code customer} (speakerId 1), {@code agent} (2), or {@code other} */
    public record SentenceView(int sequence, int speakerId, String speaker, BigDecimal startTime, BigDecimal endTime,
            String text) {
    }

    static TranscriptView of(Recording recording, Transcript.Segment segment) {
        return new TranscriptView(recording.id(), recording.callId(), recording.recordId(), segment.ani(), segment.dnis(),
                segment.agentId(), segment.agentName(), segment.sentences().stream()
                        .map(s -> new SentenceView(s.sequence(), s.speakerId(),
                                s.speakerId() == 1 ? "customer" : s.speakerId() == 2 ? "agent" : "other",
                                s.start(), s.end(), s.text()))
                        .toList());
    }
}
