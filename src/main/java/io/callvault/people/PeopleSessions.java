package io.callvault.people;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * People's sessions are kept in the database every node shares (Spring Session JDBC, tables of V17), not in the
 * memory of the node that signed the person in: behind a load balancer any node answers a signed-in person, a
 * restarted node keeps them signed in, and ending a person's sessions reaches every node ({@link SignedInPeople}).
 * Spring Session's filter sees only requests without an API credential, as Spring Security does
 * ({@link WebSecurity}): an API client's request, an audio range above all, pays nothing for it, nor does a read of
 * the pages' own files, which are the same for everyone and revalidated at each load. It stands in front
 * of the audio endpoints ({@code delivery.AudioEndpoints}), which answer a person's audio from the session.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not for the jar's commands
class PeopleSessions {

    /** Boot's registration of Spring Session's filter, which would put it in front of every request. */
    private static final String BOOTS_REGISTRATION = "sessionRepositoryFilterRegistration";

    /** Static: a post-processor is made before the beans it processes. */
    @Bean
    static BeanPostProcessor sessionFilterForPeopleOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (BOOTS_REGISTRATION.equals(name) && bean instanceof AbstractFilterRegistrationBean<?> registration) {
                    registration.setEnabled(false); // its filter stays claimed, so Boot does not register it again
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<Filter> peopleSessionFilter(SessionRepositoryFilter<?> sessions) {
        Filter forPeople = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if (WebSecurity.withoutApiCredential(http) && !PagesConfiguration.isPageFile(http)) {
                sessions.doFilter(request, response, chain);
            } else {
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(forPeople);
        registration.setName("peopleSessions");
        // after CORS (web.Cors), before the audio endpoints (delivery.AudioEndpoints)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 8);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        return registration;
    }
}
