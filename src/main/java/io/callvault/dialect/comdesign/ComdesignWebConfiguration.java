package io.callvault.dialect.comdesign;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets the controller's handlers declare their entry with {@link Admitted}. */
@Configuration(proxyBeanMethods = false)
class ComdesignWebConfiguration {

    @Bean
    WebMvcConfigurer comdesignAdmission(ComdesignGate gate) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(gate);
            }
        };
    }
}
