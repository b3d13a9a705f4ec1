package io.callvault.tenancy;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class TenancyWebConfiguration implements WebMvcConfigurer {

    private final Authenticator authenticator;
    private final Permissions permissions;

    TenancyWebConfiguration(Authenticator authenticator, Permissions permissions) {
        this.authenticator = authenticator;
        this.permissions = permissions;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ClientPrincipalResolver(authenticator, permissions));
    }
}
