package io.callvault.delivery;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;

import io.callvault.audit.AudioRead;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.tenancy.AuthenticationException;
import io.callvault.tenancy.Authenticator;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.PlaybackKeys;
import io.callvault.tenancy.PlaybackSignatures;
import io.callvault.tenancy.Scope;
import io.callvault.web.ApiException;
import io.callvault.web.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Native API: a recording's audio (by API key or by a signed URL), and signing such URLs for browsers. */
@RestController
@RequestMapping("/v1/tenants/{tenantId}/recordings/{recordingId}")
class AudioController {

    private final Catalog catalog;
    private final Authenticator authenticator;
    private final PlaybackSignatures signatures;
    private final RecordingAudio audio;
    private final AudioResponder responder;
    private final PublicUrl publicUrl;
    private final Clock clock;

    AudioController(Catalog catalog, Authenticator authenticator, PlaybackSignatures signatures, RecordingAudio audio,
            AudioResponder responder, PublicUrl publicUrl, Clock clock) {
        this.publicUrl = publicUrl;
        this.catalog = catalog;
        this.authenticator = authenticator;
        this.signatures = signatures;
        this.audio = audio;
        this.responder = responder;
        this.clock = clock;
    }

    record PlaybackUrlRequest(Integer ttlSeconds) {
    }

    record PlaybackUrl(String url, Instant expiresAt) {
    }

    @RequestMapping(path = "/audio", method = {RequestMethod.GET, RequestMethod.HEAD})
    void audio(@PathVariable String tenantId, @PathVariable String recordingId,
            @RequestParam(required = false) String download, @RequestParam(required = false) String sig,
            @RequestParam(required = false) String expires, @RequestParam(required = false) String client,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean signed = sig != null && request.getHeader(HttpHeaders.AUTHORIZATION) == null;
        ClientPrincipal principal = signed
                ? signedBy(tenantId, recordingId, expires, client, sig)
                : authenticator.client(request.getHeader(HttpHeaders.AUTHORIZATION), request.getRemoteAddr());
        principal.requireTenant(tenantId, Scope.READ);
        boolean attachment = DownloadFlag.parse(download);
        Recording recording = catalog.recording(tenantId, recordingId);
        if (!recording.hasAudio()) {
            throw ApiException.notFound("recording '" + recordingId + "' has no audio: the recorder failed to capture it");
        }
        AudioRead read = new AudioRead(principal.clientId(), tenantId, recording.callId(), recording.id(),
                AudioRead.kind(attachment), signed ? "signed-url" : "native", request.getRemoteAddr());
        responder.respond(audio.of(recording), attachment, read, request, response);
    }

    /** Contract 2: an expired or tampered playback URL is 403, not 401: there is no credential to retry with. */
    private ClientPrincipal signedBy(String tenantId, String recordingId, String expires, String client, String sig) {
        try {
            return authenticator.signedUrl(tenantId, recordingId, expires, client, sig);
        } catch (AuthenticationException e) {
            throw ApiException.forbidden(e.getMessage());
        }
    }

    @PostMapping("/playback-url")
    ResponseEntity<PlaybackUrl> playbackUrl(ClientPrincipal principal, @PathVariable String tenantId,
            @PathVariable String recordingId, @RequestBody(required = false) PlaybackUrlRequest body,
            HttpServletRequest request) {
        principal.requireTenant(tenantId, Scope.READ);
        int ttl = body == null || body.ttlSeconds() == null ? 300 : body.ttlSeconds();
        if (ttl < 1 || ttl > PlaybackKeys.LONGEST_TTL.toSeconds()) {
            throw ApiException.badRequest("ttlSeconds must be between 1 and " + PlaybackKeys.LONGEST_TTL.toSeconds());
        }
        Recording recording = catalog.recording(tenantId, recordingId);
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
