package io.callvault.catalog;

import java.math.BigDecimal;
import java.util.List;

/**
 * A call's speech-recognition results: per segment (recordId), the sentences recognised, in order.
 *
 * @param status      the recogniser's status of the conversation, as it sent it
 * @param description the recogniser's free-text description of the conversation
 */
public record Transcript(String tenantId, String callId, String status, String description, List<Segment> segments) {

    /** One segment's transcript, with the parties as the recogniser saw them. */
    public record Segment(int recordId, String ani, String dnis, String agentId, String agentName,
            List<Sentence> sentences) {
    }

    /**
     * @param speakerId 1 = customer, 2 = agent
     * @param start     offset of the sentence's start in the audio, as sent (milliseconds by convention)
     */
    public record Sentence(int sequence, int speakerId, BigDecimal start, BigDecimal end, String text) {
    }
}
