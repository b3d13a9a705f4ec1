package io.callvault.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.catalog.RecordingId;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Permitted;
import io.callvault.tenancy.PlaybackKeys;
import io.callvault.tenancy.PlaybackSignatures;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.TenantId;
import io.callvault.web.ApiException;
import io.callvault.web.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Native API: signing playback URLs of a recording's audio for browsers (the audio itself: {@link NativeAudio}). */
@RestController
@RequestMapping("/v1/tenants/{tenantId}/recordings/{recordingId}")
class AudioController {

    private final Catalog catalog;
    private final PlaybackSignatures signatures;
    private final PublicUrl publicUrl;
    private final Clock clock;

    AudioController(Catalog catalog, PlaybackSignatures signatures, PublicUrl publicUrl, Clock clock) {
        this.publicUrl = publicUrl;
        this.catalog = catalog;
        this.signatures = signatures;
        this.clock = clock;
    }

    record PlaybackUrlRequest(Integer ttlSeconds) {
    }

    record PlaybackUrl(String url, Instant expiresAt) {
    }

    @PostMapping("/playback-url")
    ResponseEntity<PlaybackUrl> playbackUrl(@Permitted(Scope.READ) ClientPrincipal principal,
            @PathVariable String tenantId,
            @PathVariable String recordingId, @RequestBody(required = false) PlaybackUrlRequest body,
            HttpServletRequest request) {
        if (principal.isPerson()) { // a signed URL is verified against a client; a person's page plays by cookie
            throw ApiException.forbidden("playback URLs are signed for API clients; signed in, play the audio endpoint itself");
        }
        int ttl = body == null || body.ttlSeconds() == null ? 300 : body.ttlSeconds();
        if (ttl < 1 || ttl > PlaybackKeys.LONGEST_TTL.toSeconds()) {
            throw ApiException.badRequest("ttlSeconds must be between 1 and " + PlaybackKeys.LONGEST_TTL.toSeconds());
        }
        Recording recording = catalog.recording(TenantId.of(tenantId), RecordingId.of(recordingId));
        Instant expiresAt = clock.instant().plusSeconds(ttl);
        long expires = expiresAt.getEpochSecond();
        URI url = UriComponentsBuilder.fromUriString(publicUrl.base(request))
                .path("/v1/tenants/{tenant}/recordings/{recording}/audio")
                .queryParam("expires", expires)
                .queryParam("client", principal.clientId())
                .queryParam("sig", signatures.sign(tenantId, recording.id(), expires, principal.clientId()))
                .buildAndExpand(tenantId, recording.id()).encode().toUri();
        return ResponseEntity.status(HttpStatus.CREATED).body(new PlaybackUrl(url.toString(), Instant.ofEpochSecond(expires)));
    }
}
