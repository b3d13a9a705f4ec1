package io.callvault.audit;

/**
 * Who read which audio, and how.
 *
 * @param recordingId null when a whole call's joined stream was read
 * @param kind        {@code play} or {@code download}
 * @param via         the surface: {@code native}, {@code signed-url}, {@code wellcloud}, {@code comdesign}
 */
public record AudioRead(String clientId, String tenantId, String callId, String recordingId, String kind, String via,
        String remoteAddress) {

    public static String kind(boolean download) {
        return download ? "download" : "play";
    }
}
