package io.callvault.tenancy;

import java.util.Map;
import java.util.Optional;

import io.callvault.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Authenticates and authorizes the caller for a handler, as its parameters declare: a {@link ClientPrincipal} (an
 * API key; with {@link AccessTokenAccepted} also a Wellcloud token; with {@link Permitted} checked against the
 * tenant and scope, a signed URL allowed where it says so; on the native API without credentials, the person signed in
 * with the session cookie) or an {@link Admin} (the admin token). Parameters are
 * resolved in order, so taken first they are checked before the body is read.
 */
class ClientPrincipalResolver implements HandlerMethodArgumentResolver {

    private final Authenticator authenticator;
    private final SessionPrincipals sessions;

    ClientPrincipalResolver(Authenticator authenticator, SessionPrincipals sessions) {
        this.authenticator = authenticator;
        this.sessions = sessions;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ClientPrincipal.class || parameter.getParameterType() == Admin.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String address = request.getNativeRequest(HttpServletRequest.class).getRemoteAddr();
        if (parameter.getParameterType() == Admin.class) {
            authenticator.requireAdmin(authorization, address);
            return new Admin(address);
        }
        Permitted permitted = parameter.getParameterAnnotation(Permitted.class);
        if (permitted != null && permitted.signedUrl() && authorization == null && request.getParameter("sig") != null) {
            return signed(request, permitted);
        }
        if (authorization == null && permitted != null && permitted.tenant() == Permitted.TenantFrom.PATH) {
            // a person signed in to the web player (contract 7), on the native API only
            String tenantId = pathVariable(request, "tenantId");
            Optional<ClientPrincipal> person = sessions.of(request.getNativeRequest(HttpServletRequest.class), tenantId);
            if (person.isPresent()) {
                person.get().requireTenant(tenantId, permitted.value());
                return person.get();
            }
        }
        ClientPrincipal principal = parameter.hasParameterAnnotation(AccessTokenAccepted.class)
                ? authenticator.clientOrAccessToken(authorization, address)
                : authenticator.client(authorization, address);
        if (permitted == null) {
            return principal;
        }
        if (permitted.tenant() == Permitted.TenantFrom.SOLE) {
            principal.requireScope(permitted.value());
            String sole = principal.soleTenant().orElseThrow(() -> ApiException.forbidden(
                    "this client is permitted on several tenants; this API needs a client of exactly one"));
            return principal.boundTo(sole);
        }
        principal.requireTenant(pathVariable(request, "tenantId"), permitted.value());
        return principal;
    }

    /** Contract 2: an expired or tampered playback URL is 403, not 401: there is no credential to retry with. */
    private ClientPrincipal signed(NativeWebRequest request, Permitted permitted) {
        String tenantId = pathVariable(request, "tenantId");
        ClientPrincipal principal;
        try {
            principal = authenticator.signedUrl(tenantId, pathVariable(request, "recordingId"),
                    request.getParameter("expires"), request.getParameter("client"), request.getParameter("sig"));
        } catch (AuthenticationException e) {
            throw ApiException.forbidden(e.getMessage());
        }
        principal.requireTenant(tenantId, permitted.value());
        return principal;
    }

    @SuppressWarnings("unchecked")
    private static String pathVariable(NativeWebRequest request, String name) {
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        String value = variables == null ? null : variables.get(name);
        if (value == null) {
            throw new IllegalStateException("@Permitted needs a {" + name + "} path variable");
        }
        return value;
    }
}
