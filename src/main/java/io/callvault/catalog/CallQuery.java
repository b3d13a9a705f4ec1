package io.callvault.catalog;

import java.time.Instant;

/**
 * A search of one tenant's calls, newest first unless {@code oldestFirst}. Phone numbers are compared by their digits, as a prefix of the
 * stored number's; an agent's name matches case-insensitively anywhere in it; {@code after} is the decoded keyset
 * cursor (null for the first page).
 *
 * @param recordingState     only calls with a segment in this state (Recording: the calls recording now), or null
 * @param transcribed        only calls with (true) or without (false) a transcript, or null for either
 * @param sessionNumbersOnly only calls whose id is a Comdesign session number (a decimal integer up to 2^63−1)
 */
public record CallQuery(String tenantId, Instant from, Instant to, String aniDigits, String dnisDigits, String agentId,
        String agentName, String skillName, Direction direction, RecordingState recordingState, Boolean transcribed,
        boolean sessionNumbersOnly, boolean oldestFirst, int limit, CallCursor after) {

    public static CallQuery between(String tenantId, Instant from, Instant to, int limit, CallCursor after) {
        return new CallQuery(tenantId, from, to, null, null, null, null, null, null, null, null, false, false, limit, after);
    }

    public CallQuery onlySessionNumbers() {
        return new CallQuery(tenantId, from, to, aniDigits, dnisDigits, agentId, agentName, skillName, direction,
                recordingState, transcribed, true, oldestFirst, limit, after);
    }
}
