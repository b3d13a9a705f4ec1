package io.callvault.audio;

/** The file formats CallVault accepts, with the media type and file extension they are served under. */
public enum AudioContainer {
    WAV("wav", "audio/wav"),
    MP3("mp3", "audio/mpeg");

    private final String extension;
    private final String mediaType;

    AudioContainer(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public static AudioContainer fromExtension(String extension) {
        for (AudioContainer container : values()) {
            if (container.extension.equals(extension)) {
                return container;
            }
        }
        throw new IllegalArgumentException("unknown audio format " + extension);
    }
}
