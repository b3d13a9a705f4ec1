package io.callvault.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.callvault.server.Sha256;
import io.callvault.audio.AudioContainer;
import io.callvault.audio.AudioInfo;
import io.callvault.audio.WavHeader;
import io.callvault.catalog.Recording;
import io.callvault.web.ApiException;

import org.springframework.http.HttpStatus;
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
     * A call's segments as one continuous stream: one WAV header over the joined data chunks, or MP3 frames
     * appended; a single segment is its own file. Empty when no segment has audio. Segments that differ in codec,
     * rate or channels cannot be joined without transcoding, which CallVault does not do: 422, rather than a
     * stream that silently holds only part of the call.
     */
    public Optional<AudioBody> ofCall(String callId, List<Recording> segments) {
        List<Recording> audible = segments.stream().filter(Recording::hasAudio)
                .sorted(Comparator.comparingInt(Recording::recordId)).toList();
        if (audible.isEmpty()) {
            return Optional.empty();
        }
        Recording first = audible.get(0);
        AudioInfo format = first.audio();
        if (audible.size() == 1) {
            return Optional.of(of(first));
        }
        if (!audible.stream().allMatch(r -> r.audio().joinableWith(format))) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "该通话的录音分段格式不一致，无法合并为一个流 (the segments of call '"
                    + callId + "' differ in codec, sample rate or channels and cannot be joined: fetch each segment on its own)");
        }
        long dataLength = audible.stream().mapToLong(r -> r.audio().dataLength()).sum();
        if (format.container() == AudioContainer.WAV && dataLength > WavHeader.MAX_DATA) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "该通话的录音太长，无法合并为一个 WAV 流 (the segments of call '"
                    + callId + "' together exceed what one WAV header can describe: fetch each segment on its own)");
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
