package io.callvault.dialect.comdesign;

import io.callvault.web.RequestBodyLimit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Body limits of the Comdesign endpoints: a transcript push carries a whole call's sentences and may be hours long;
 * every other request is a small JSON object (64 KiB is far beyond any of them).
 */
@Configuration(proxyBeanMethods = false)
class ComdesignLimits {

    static final long SMALL_REQUEST = 64 * 1024;

    @Bean
    RequestBodyLimit comdesignTranscripts(ComdesignProperties properties) {
        return new RequestBodyLimit(request -> request.getRequestURI().startsWith(ComdesignErrorModel.BASE + "/")
                && request.getRequestURI().endsWith("/call/speech_recognition_all/send"), properties.maxTranscript().toBytes());
    }

    @Bean
    RequestBodyLimit comdesignRequests() {
        return new RequestBodyLimit(request -> request.getRequestURI().startsWith(ComdesignErrorModel.BASE + "/")
                && !request.getRequestURI().endsWith("/call/speech_recognition_all/send"), SMALL_REQUEST);
    }
}
