package io.callvault.audio;

import java.util.Locale;

/** How samples are coded inside the container. */
public enum AudioEncoding {
    PCM(1), ALAW(6), MULAW(7), MP3(0);

    private final int waveFormatTag;

    AudioEncoding(int waveFormatTag) {
        this.waveFormatTag = waveFormatTag;
    }

    /** The WAVE_FORMAT tag this encoding has in a RIFF fmt chunk (0 when it has none). */
    public int waveFormatTag() {
        return waveFormatTag;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AudioEncoding fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
