package io.callvault.tenancy;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Authenticates and authorizes the caller for a controller's handler, as its parameters declare: a
 * {@link ClientPrincipal} (with {@link Permitted} checked by {@link Permissions}; without it, any valid API key, or
 * with {@link AccessTokenAccepted} also a Wellcloud token) or an {@link Admin} (the admin token). Parameters are
 * resolved in order, so taken first they are checked before the body is read.
 */
class ClientPrincipalResolver implements HandlerMethodArgumentResolver {

    private final Authenticator authenticator;
    private final Permissions permissions;

    ClientPrincipalResolver(Authenticator authenticator, Permissions permissions) {
        this.authenticator = authenticator;
        this.permissions = permissions;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ClientPrincipal.class || parameter.getParameterType() == Admin.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (parameter.getParameterType() == Admin.class) {
            authenticator.requireAdmin(authorization, request.getRemoteAddr());
            return new Admin(request.getRemoteAddr());
        }
        boolean accessToken = parameter.hasParameterAnnotation(AccessTokenAccepted.class);
        Permitted permitted = parameter.getParameterAnnotation(Permitted.class);
        if (permitted == null) {
            return accessToken ? authenticator.clientOrAccessToken(authorization, request.getRemoteAddr())
                    : authenticator.client(authorization, request.getRemoteAddr());
        }
        return permissions.require(Permission.of(permitted, accessToken), request,
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE));
    }
}
