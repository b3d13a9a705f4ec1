package io.callvault.dialect.wellcloud;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import io.callvault.audit.AccessEvent;
import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.catalog.RecordingId;
import io.callvault.delivery.AudioBody;
import io.callvault.delivery.AudioEndpoint;
import io.callvault.delivery.AudioResponder;
import io.callvault.delivery.DownloadFlag;
import io.callvault.delivery.RecordingAudio;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Permission;
import io.callvault.tenancy.Permissions;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.TenantId;
import io.callvault.web.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Wellcloud dialect's audio: one recording ({@code stream2}) or a whole call's segments as one stream. */
@Configuration(proxyBeanMethods = false)
class WellcloudAudio {

    private static final Permission READ = Permission.onSoleTenant(Scope.READ);
    private static final Set<String> METHODS = Set.of("GET", "HEAD");

    private final Permissions permissions;
    private final Catalog catalog;
    private final RecordingAudio audio;
    private final AudioResponder responder;

    WellcloudAudio(Permissions permissions, Catalog catalog, RecordingAudio audio, AudioResponder responder) {
        this.permissions = permissions;
        this.catalog = catalog;
        this.audio = audio;
        this.responder = responder;
    }

    @Bean
    AudioEndpoint wellcloudRecordingStream() {
        return new Endpoint("/api/operation/tenant/recording/{audioId}/stream2", (caller, path) -> {
            Recording recording = catalog.findRecording(TenantId.of(caller.tenantId()), RecordingId.of(path.get("audioId")))
                    .orElseThrow(WellcloudException::noSuchRecord);
            if (!recording.hasAudio()) {
                throw WellcloudException.noRecordingFile();
            }
            return new Read(audio.of(recording), recording.callId(), recording.id());
        });
    }

    @Bean
    AudioEndpoint wellcloudCallStream() {
        return new Endpoint("/api/operation/tenant/calls/{callId}/recording/stream", (caller, path) -> {
            String callId = path.get("callId");
            AudioBody body = audio.ofCall(callId, catalog.recordingsOf(TenantId.of(caller.tenantId()), CallId.of(callId)))
                    .orElseThrow(WellcloudException::noRecordingFile);
            return new Read(body, callId, null);
        });
    }

    /** What a request reads, found for the client's one tenant. */
    private record Read(AudioBody body, String callId, String recordingId) {
    }

    private interface Lookup {
        Read find(Caller caller, Map<String, String> path);
    }

    /** The client and its one tenant. */
    private record Caller(ClientPrincipal principal, String tenantId) {
    }

    private final class Endpoint implements AudioEndpoint {

        private final String path;
        private final Lookup lookup;

        Endpoint(String path, Lookup lookup) {
            this.path = path;
            this.lookup = lookup;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public Set<String> methods() {
            return METHODS;
        }

        @Override
        public void serve(HttpServletRequest request, HttpServletResponse response, Map<String, String> variables)
                throws IOException {
            ClientPrincipal principal = permissions.require(READ, request, variables);
            Caller caller = new Caller(principal, principal.soleTenant().orElseThrow());
            boolean attachment = DownloadFlag.parse(request.getParameter("download"));
            Read read = lookup.find(caller, variables);
            AccessEvent event = new AccessEvent(principal.clientId(), caller.tenantId(), read.callId(), read.recordingId(),
                    AccessEvent.Kind.read(attachment), AccessEvent.Via.WELLCLOUD, request.getRemoteAddr());
            responder.respond(read.body(), attachment, event, request, response);
        }

        @Override
        public Failure failureOf(Exception e) {
            return WellcloudErrors.failureOf(e);
        }
    }
}
