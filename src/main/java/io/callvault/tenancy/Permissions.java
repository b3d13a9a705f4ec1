package io.callvault.tenancy;

import java.util.Map;
import java.util.Optional;

import io.callvault.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Authenticates a request's caller and checks it against a handler's {@link Permission}: an API key (or, where the
 * permission says so, a Wellcloud token or a signed URL), or on the native API without credentials the person signed
 * in with the session cookie. A tenant the caller may not see is a 404, a missing scope a 403. The one place where
 * every handler's declaration, in Spring MVC or not, is enforced.
 */
@Component
public class Permissions {

    private final Authenticator authenticator;
    private final SessionPrincipals sessions;

    Permissions(Authenticator authenticator, ObjectProvider<SessionPrincipals> sessions) {
        this.authenticator = authenticator;
        this.sessions = sessions.getIfAvailable(() -> (request, tenantId) -> Optional.empty());
    }

    /**
     * @param pathVariables the request's path variables: {@code tenantId} where the tenant is in the path,
     *                      {@code recordingId} where a signed URL is accepted
     */
    public ClientPrincipal require(Permission permission, HttpServletRequest request, Map<String, String> pathVariables) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String address = request.getRemoteAddr();
        if (permission.signedUrl() && authorization == null && request.getParameter("sig") != null) {
            return signed(permission, request, pathVariables);
        }
        if (authorization == null && permission.tenant() == Permitted.TenantFrom.PATH) {
            // a person signed in to the web player (contract 7), on the native API only
            String tenantId = variable(pathVariables, "tenantId");
            Optional<ClientPrincipal> person = sessions.of(request, tenantId);
            if (person.isPresent()) {
                person.get().requireTenant(tenantId, permission.scope());
                return person.get();
            }
        }
        ClientPrincipal principal = permission.accessToken()
                ? authenticator.clientOrAccessToken(authorization, address)
                : authenticator.client(authorization, address);
        if (permission.tenant() == Permitted.TenantFrom.SOLE) {
            principal.requireScope(permission.scope());
            String sole = principal.soleTenant().orElseThrow(() -> ApiException.forbidden(
                    "this client is permitted on several tenants; this API needs a client of exactly one"));
            return principal.boundTo(sole);
        }
        principal.requireTenant(variable(pathVariables, "tenantId"), permission.scope());
        return principal;
    }

    /** Contract 2: an expired or tampered playback URL is 403, not 401: there is no credential to retry with. */
    private ClientPrincipal signed(Permission permission, HttpServletRequest request, Map<String, String> pathVariables) {
        String tenantId = variable(pathVariables, "tenantId");
        ClientPrincipal principal;
        try {
            principal = authenticator.signedUrl(tenantId, variable(pathVariables, "recordingId"),
                    request.getParameter("expires"), request.getParameter("client"), request.getParameter("sig"));
        } catch (AuthenticationException e) {
            throw ApiException.forbidden(e.getMessage());
        }
        principal.requireTenant(tenantId, permission.scope());
        return principal;
    }

    private static String variable(Map<String, String> variables, String name) {
        String value = variables == null ? null : variables.get(name);
        if (value == null) {
            throw new IllegalStateException("this permission needs a {" + name + "} path variable");
        }
        return value;
    }
}
