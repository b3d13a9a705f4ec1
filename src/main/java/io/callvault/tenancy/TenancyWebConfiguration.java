package io.callvault.tenancy;

import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class TenancyWebConfiguration implements WebMvcConfigurer {

    private final Authenticator authenticator;
    private final SessionPrincipals sessions;

    TenancyWebConfiguration(Authenticator authenticator, ObjectProvider<SessionPrincipals> sessions) {
        this.authenticator = authenticator;
        this.sessions = sessions.getIfAvailable(() -> (request, tenantId) -> Optional.empty());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ClientPrincipalResolver(authenticator, sessions));
    }
}
