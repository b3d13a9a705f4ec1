package io.callvault.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.callvault.Sha256;
import io.callvault.audio.AudioContainer;
import io.callvault.audio.AudioInfo;
import io.callvault.audio.WavHeader;
import io.callvault.catalog.Recording;

import org.springframework.stereotype.Component;

/** Describes the audio of one recording, or of a whole call, as an {@link AudioBody} ready to serve. */
@Component
public class RecordingAudio {

    /** A recording's own file, byte for byte. */
    public AudioBody of(Recording recording) {
        return new AudioBody(List.of(new AudioBody.BlobRegion(recording.store(), recording.storageKey(), 0,
                recording.fileSize())),
                recording.container().mediaType(), "\"" + recording.sha256() + "\"", recording.createdAt(),
                recording.id() + "." + recording.container().extension());
    }

    /**
     * A call's segments as one continuous stream when they share codec, rate and channels: one WAV header over the
     * joined data chunks, or MP3 frames appended. Otherwise (or with one segment) the first segment's own file.
     * Empty when no segment has audio.
     */
    public Optional<AudioBody> ofCall(String callId, List<Recording> segments) {
        List<Recording> audible = segments.stream().filter(Recording::hasAudio)
                .sorted(Comparator.comparingInt(Recording::recordId)).toList();
        if (audible.isEmpty()) {
            return Optional.empty();
        }
        Recording first = audible.get(0);
        AudioInfo format = first.audio();
        boolean joinable = audible.size() > 1 && audible.stream().allMatch(r -> r.audio().joinableWith(format));
        long dataLength = audible.stream().mapToLong(r -> r.audio().dataLength()).sum();
        if (!joinable || (format.container() == AudioContainer.WAV && dataLength > WavHeader.MAX_DATA)) {
            return Optional.of(of(first));
        }
        List<AudioBody.Part> parts = new ArrayList<>();
        if (format.container() == AudioContainer.WAV) {
            parts.add(new AudioBody.Bytes(WavHeader.of(format, dataLength)));
        }
        for (Recording r : audible) {
            parts.add(new AudioBody.BlobRegion(r.store(), r.storageKey(), r.audio().dataOffset(), r.audio().dataLength()));
        }
        Instant lastModified = audible.stream().map(Recording::createdAt).max(Comparator.naturalOrder()).orElseThrow();
        return Optional.of(new AudioBody(parts, format.container().mediaType(), joinedEtag(audible), lastModified,
                callId + "." + format.container().extension()));
    }

    /** Strong: the joined bytes are a pure function of the segments' contents and order. */
    private static String joinedEtag(List<Recording> segments) {
        MessageDigest digest = Sha256.digest();
        for (Recording r : segments) {
            digest.update((r.recordId() + ":" + r.sha256() + ";").getBytes(StandardCharsets.US_ASCII));
        }
        return "\"join-" + Sha256.hex(digest).substring(0, 40) + "\"";
    }
}
