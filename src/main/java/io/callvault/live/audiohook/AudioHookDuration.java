package io.callvault.live.audiohook;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** AudioHook's durations: ISO 8601 seconds, {@code PT12.345S}, non-negative. */
final class AudioHookDuration {

    private static final Pattern FORMAT = Pattern.compile("^PT(\\d+\\.\\d*|\\.?\\d+)S$");

    private AudioHookDuration() {
    }

    static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /** Whole milliseconds (rounded down). */
    static long millis(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not a PT…S duration: " + text);
        }
        return new BigDecimal(text.substring(2, text.length() - 1)).movePointRight(3).longValue();
    }
}
