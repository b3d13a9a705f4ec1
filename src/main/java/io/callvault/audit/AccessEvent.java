package io.callvault.audit;

import java.util.Locale;

/**
 * One entry of the audit trail: who did what to which call or recording, through which surface, from where. Reads
 * of audio (play, download) and changes to the archive (delete, hold, release) alike.
 *
 * @param recordingId null when a whole call was concerned (a joined stream, a deleted call, a hold)
 */
public record AccessEvent(String clientId, String tenantId, String callId, String recordingId, Kind kind, Via via,
        String remoteAddress) {

    /** What happened; its wire name is the lower-case name ({@code play}, {@code download}…). */
    public enum Kind {
        PLAY, DOWNLOAD, DELETE, HOLD, RELEASE,
        /** A supervisor listened to a call in progress (contract 6.4). */
        LIVE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind read(boolean download) {
            return download ? DOWNLOAD : PLAY;
        }
    }

    /** Through which surface. */
    public enum Via {
        NATIVE("native"), SIGNED_URL("signed-url"), WELLCLOUD("wellcloud"), COMDESIGN("comdesign"),
        RETENTION("retention");

        private final String wireName;

        Via(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
