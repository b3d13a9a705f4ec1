package io.callvault.dialect.comdesign;

import java.io.IOException;
import java.util.Map;

import io.callvault.catalog.Call;
import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.tenancy.AuthenticationException;
import io.callvault.tenancy.Authenticator;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.TenantId;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

import tools.jackson.databind.json.JsonMapper;

/**
 * How every Comdesign request is let in, for the controller and the audio endpoint alike, mapped onto the shared
 * principal: a controller's handler declares it once with {@link Admitted} on its {@link Entered} parameter.
 */
@Component
class ComdesignGate implements HandlerMethodArgumentResolver {

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

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Entered.class && parameter.hasParameterAnnotation(Admitted.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Entered resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) throws IOException {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Admitted admitted = parameter.getParameterAnnotation(Admitted.class);
        return enter(path.get("apiVersion"), path.get("sourceUuid"), request, admitted.value(),
                admitted.object().isEmpty() ? null : admitted.object());
    }

    /** The session's call, which must exist. */
    Call call(String tenantId, String sessionId) {
        return catalog.findCall(TenantId.of(tenantId), CallId.of(sessionId))
                .orElseThrow(() -> ComdesignRequest.invalid("session " + sessionId + " does not exist"));
    }
}
