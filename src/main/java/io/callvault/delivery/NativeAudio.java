package io.callvault.delivery;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import io.callvault.audit.AccessEvent;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.catalog.RecordingId;
import io.callvault.catalog.RecordingState;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Permission;
import io.callvault.tenancy.Permissions;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.TenantId;
import io.callvault.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** Native API: a recording's audio, by API key, by a signed URL (contract 2) or for the person signed in. */
@Component
class NativeAudio implements AudioEndpoint {

    private static final Permission READ = Permission.onPathTenant(Scope.READ).orSignedUrl();

    private final Permissions permissions;
    private final Catalog catalog;
    private final RecordingAudio audio;
    private final AudioResponder responder;

    NativeAudio(Permissions permissions, Catalog catalog, RecordingAudio audio, AudioResponder responder) {
        this.permissions = permissions;
        this.catalog = catalog;
        this.audio = audio;
        this.responder = responder;
    }

    @Override
    public String path() {
        return "/v1/tenants/{tenantId}/recordings/{recordingId}/audio";
    }

    @Override
    public Set<String> methods() {
        return Set.of("GET", "HEAD");
    }

    @Override
    public void serve(HttpServletRequest request, HttpServletResponse response, Map<String, String> path)
            throws IOException {
        ClientPrincipal principal = permissions.require(READ, request, path);
        String tenantId = path.get("tenantId");
        String recordingId = path.get("recordingId");
        boolean signed = request.getParameter("sig") != null && request.getHeader(HttpHeaders.AUTHORIZATION) == null;
        boolean attachment = DownloadFlag.parse(request.getParameter("download"));
        Recording recording = catalog.recording(TenantId.of(tenantId), RecordingId.of(recordingId));
        if (recording.state() == RecordingState.Recording) {
            throw ApiException.conflict("recording '" + recordingId + "' is being recorded: its audio is served once"
                    + " it ends; listen to it live at /v1/tenants/" + tenantId + "/calls/" + recording.callId() + "/live");
        }
        if (!recording.hasAudio()) {
            throw ApiException.notFound("recording '" + recordingId + "' has no audio: the recorder failed to capture it");
        }
        AccessEvent read = new AccessEvent(principal.clientId(), tenantId, recording.callId(), recording.id(),
                AccessEvent.Kind.read(attachment), signed ? AccessEvent.Via.SIGNED_URL : AccessEvent.Via.NATIVE,
                request.getRemoteAddr());
        responder.respond(audio.of(recording), attachment, read, request, response);
    }
}
