package io.callvault.tenancy;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Authenticates the caller for a handler that takes a {@link ClientPrincipal} (an API key, or with
 * {@link AccessTokenAccepted} also a Wellcloud token) or an {@link Admin} (the admin token).
 */
class ClientPrincipalResolver implements HandlerMethodArgumentResolver {

    private final Authenticator authenticator;

    ClientPrincipalResolver(Authenticator authenticator) {
        this.authenticator = authenticator;
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
        return parameter.hasParameterAnnotation(AccessTokenAccepted.class)
                ? authenticator.clientOrAccessToken(authorization, address)
                : authenticator.client(authorization, address);
    }
}
