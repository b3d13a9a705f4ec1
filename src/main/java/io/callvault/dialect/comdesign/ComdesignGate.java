package io.callvault.dialect.comdesign;

import java.io.IOException;

import io.callvault.catalog.Call;
import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.tenancy.AuthenticationException;
import io.callvault.tenancy.Authenticator;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.TenantId;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * How every Comdesign request is let in, for the controller and the audio endpoint alike: the dialect's one
 * authorization declaration per handler, mapped onto the shared principal.
 */
@Component
class ComdesignGate {

    private final Authenticator authenticator;
    private final Catalog catalog;
    private final JsonMapper json;

    ComdesignGate(Authenticator authenticator, Catalog catalog, JsonMapper json) {
        this.authenticator = authenticator;
        this.catalog = catalog;
        this.json = json;
    }

    /** A request let in: who sent it, its body (or the object that holds the request's fields), its tenant. */
    record Entered(ClientPrincipal principal, ComdesignRequest body, String tenantId) {
    }

    /**
     * The key must be the one of the client that owns the path's sourceUuid (401 otherwise, not saying which part was
     * wrong), the apiVersion must be known, and the body's tenantId one the client may use with this scope (else
     * TENANT_NOT_PERMITTED).
     *
     * @param object the field whose object carries tenantId (the transcript push's conversation), or null for the body
     */
    Entered enter(String apiVersion, String sourceUuid, HttpServletRequest request, Scope scope, String object)
            throws IOException {
        ClientPrincipal principal = authenticator.clientOfSource(sourceUuid, request.getHeader(HttpHeaders.AUTHORIZATION),
                request.getRemoteAddr()).orElseThrow(() -> new AuthenticationException(AuthenticationException.Reason.INVALID,
                        "the API key is missing, unknown, or not the one of this sourceUuid"));
        if (!"v1".equals(apiVersion)) {
            throw ComdesignRequest.invalid("apiVersion '" + apiVersion + "' is not known: use v1");
        }
        ComdesignRequest body = ComdesignRequest.parse(json, request.getInputStream());
        if (object != null) {
            body = body.object(object);
        }
        String tenantId = body.text("tenantId");
        if (!principal.permits(tenantId)) {
            throw new ComdesignException(ComdesignError.TENANT_NOT_PERMITTED, "tenant " + tenantId + " is not permitted to this client");
        }
        if (!principal.scopes().contains(scope)) {
            throw new ComdesignException(ComdesignError.TENANT_NOT_PERMITTED,
                    "this client may not " + scope.wireName() + " for tenant " + tenantId);
        }
        return new Entered(principal, body, tenantId);
    }

    /** The session's call, which must exist. */
    Call call(String tenantId, String sessionId) {
        return catalog.findCall(TenantId.of(tenantId), CallId.of(sessionId))
                .orElseThrow(() -> ComdesignRequest.invalid("session " + sessionId + " does not exist"));
    }
}
