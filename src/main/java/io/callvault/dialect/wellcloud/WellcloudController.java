package io.callvault.dialect.wellcloud;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.callvault.audit.AccessEvent;
import io.callvault.catalog.Call;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.delivery.AudioBody;
import io.callvault.delivery.AudioResponder;
import io.callvault.delivery.DownloadFlag;
import io.callvault.delivery.RecordingAudio;
import io.callvault.tenancy.AccessTokenAccepted;
import io.callvault.tenancy.AccessTokens;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Permitted;
import io.callvault.tenancy.Permitted.TenantFrom;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.Tenant;
import io.callvault.tenancy.TenantRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/operation")
class WellcloudController {

    private final AccessTokens tokens;
    private final Catalog catalog;
    private final TenantRepository tenants;
    private final RecordingAudio audio;
    private final AudioResponder responder;

    WellcloudController(AccessTokens tokens, Catalog catalog, TenantRepository tenants, RecordingAudio audio,
            AudioResponder responder) {
        this.tokens = tokens;
        this.catalog = catalog;
        this.tenants = tenants;
        this.audio = audio;
        this.responder = responder;
    }

    @PostMapping("/operation/apply/token")
    Map<String, String> token(@RequestParam(required = false) String appId,
            @RequestParam(required = false) String appSecret, @RequestParam(required = false) String type,
            HttpServletRequest request) {
        if (!"tenant".equals(type)) {
            throw new WellcloudException(400, "type must be tenant");
        }
        return tokens.issue(appId, appSecret, request.getRemoteAddr())
                .map(issued -> Map.of("token", issued.token()))
                .orElseThrow(() -> new WellcloudException(425, "appId or appSecret is wrong"));
    }

    @GetMapping("/tenant/calls/{callId}/recordings2")
    List<WellcloudRecording> recordings(
            @AccessTokenAccepted @Permitted(value = Scope.READ, tenant = TenantFrom.SOLE) ClientPrincipal principal,
            @PathVariable String callId) {
        String tenantId = principal.soleTenant().orElseThrow();
        Call call = catalog.findCall(tenantId, callId).orElseThrow(WellcloudException::noRecordingFile);
        List<Recording> recordings = catalog.recordingsOf(tenantId, callId);
        if (recordings.isEmpty()) {
            throw WellcloudException.noRecordingFile();
        }
        Tenant tenant = tenants.find(tenantId).orElseThrow(WellcloudException::noRecordingFile);
        return recordings.stream().map(r -> WellcloudRecording.of(r, call, tenant.timeZone())).toList();
    }

    @RequestMapping(path = "/tenant/recording/{audioId}/stream2", method = {RequestMethod.GET, RequestMethod.HEAD})
    void recordingStream(
            @AccessTokenAccepted @Permitted(value = Scope.READ, tenant = TenantFrom.SOLE) ClientPrincipal principal,
            @PathVariable String audioId,
            @RequestParam(required = false) String download, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String tenantId = principal.soleTenant().orElseThrow();
        boolean attachment = DownloadFlag.parse(download);
        Recording recording = catalog.findRecording(tenantId, audioId).orElseThrow(WellcloudException::noSuchRecord);
        if (!recording.hasAudio()) {
            throw WellcloudException.noRecordingFile();
        }
        AccessEvent read = new AccessEvent(principal.clientId(), tenantId, recording.callId(), recording.id(),
                AccessEvent.Kind.read(attachment), AccessEvent.Via.WELLCLOUD, request.getRemoteAddr());
        responder.respond(audio.of(recording), attachment, read, request, response);
    }

    @RequestMapping(path = "/tenant/calls/{callId}/recording/stream", method = {RequestMethod.GET, RequestMethod.HEAD})
    void callStream(
            @AccessTokenAccepted @Permitted(value = Scope.READ, tenant = TenantFrom.SOLE) ClientPrincipal principal,
            @PathVariable String callId,
            @RequestParam(required = false) String download, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String tenantId = principal.soleTenant().orElseThrow();
        boolean attachment = DownloadFlag.parse(download);
        AudioBody body = audio.ofCall(callId, catalog.recordingsOf(tenantId, callId))
                .orElseThrow(WellcloudException::noRecordingFile);
        AccessEvent read = new AccessEvent(principal.clientId(), tenantId, callId, null, AccessEvent.Kind.read(attachment),
                AccessEvent.Via.WELLCLOUD, request.getRemoteAddr());
        responder.respond(body, attachment, read, request, response);
    }
}
