package io.callvault.live;

import java.util.Map;
import java.util.function.Function;

import io.callvault.tenancy.AuthenticationException;
import io.callvault.tenancy.Authenticator;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Scope;
import io.callvault.web.ApiException;
import io.callvault.web.CoreFailures;
import io.callvault.web.ErrorModels;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Authentication of a live endpoint, at the HTTP upgrade (contract 6): a client key with the endpoint's scope,
 * found where the protocol carries it. Missing or wrong → 401, a tenant the client may not use → 403 (a path's
 * unknown tenant → 404, as everywhere), before any WebSocket exists. The session's tenant is the client's only
 * tenant, or the {@code tenant} query parameter when it has several.
 */
public final class LiveHandshake implements HandshakeInterceptor {

    public static final String PRINCIPAL = "callvault.principal";
    public static final String TENANT = "callvault.tenant";

    private final Authenticator authenticator;
    private final ErrorModels errors;
    private final Function<HttpServletRequest, String> credential;
    private final Scope scope;
    private final Function<HttpServletRequest, String> pathTenant;

    private LiveHandshake(Authenticator authenticator, ErrorModels errors, Function<HttpServletRequest, String> credential,
            Scope scope, Function<HttpServletRequest, String> pathTenant) {
        this.authenticator = authenticator;
        this.errors = errors;
        this.credential = credential;
        this.scope = scope;
        this.pathTenant = pathTenant;
    }

    /** An ingest endpoint: the tenant is the client's only one, or {@code ?tenant=}. */
    public static LiveHandshake ingest(Authenticator authenticator, ErrorModels errors,
            Function<HttpServletRequest, String> credential) {
        return new LiveHandshake(authenticator, errors, credential, Scope.INGEST, null);
    }

    /** An endpoint whose path names the tenant. */
    public static LiveHandshake forPath(Authenticator authenticator, ErrorModels errors,
            Function<HttpServletRequest, String> credential, Scope scope, Function<HttpServletRequest, String> tenant) {
        return new LiveHandshake(authenticator, errors, credential, scope, tenant);
    }

    /** The {@code Authorization} header, bare or {@code Bearer}. */
    public static String authorization(HttpServletRequest request) {
        return request.getHeader("Authorization");
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws Exception {
        HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
        HttpServletResponse servletResponse = ((ServletServerHttpResponse) response).getServletResponse();
        try {
            String key = credential.apply(servletRequest);
            if (key == null || key.isBlank()) {
                throw new AuthenticationException(AuthenticationException.Reason.MISSING, "no client key");
            }
            ClientPrincipal principal = authenticator.client(key, servletRequest.getRemoteAddr());
            String tenant = pathTenant != null ? pathTenant.apply(servletRequest) : tenantOf(principal, servletRequest);
            if (pathTenant != null) {
                principal.requireTenant(tenant, scope);
            } else {
                principal.requireScope(scope);
            }
            attributes.put(PRINCIPAL, principal);
            attributes.put(TENANT, tenant);
            return true;
        } catch (ApiException e) {
            errors.write(servletRequest, servletResponse, e.failure());
            return false;
        } catch (InvalidParameterException e) { // a query string that is not UTF-8: 400, as on every surface
            errors.write(servletRequest, servletResponse, CoreFailures.of(e, servletRequest).orElseThrow());
            return false;
        }
    }

    private static String tenantOf(ClientPrincipal principal, HttpServletRequest request) {
        String named = request.getParameter("tenant");
        if (named != null) {
            if (!principal.permits(named)) {
                throw ApiException.forbidden("this client may not write tenant '" + named + "'");
            }
            return named;
        }
        return principal.soleTenant().orElseThrow(() -> ApiException.badRequest(
                "this client has several tenants: name one with ?tenant="));
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        // nothing to undo
    }
}
