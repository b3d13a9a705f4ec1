package io.callvault.ingest;

import io.callvault.web.RequestBodyLimit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** An audio upload is limited by {@code CALLVAULT_MAX_UPLOAD}, which {@link RecordingIngest} enforces as it streams. */
@Configuration(proxyBeanMethods = false)
class UploadLimit {

    @Bean
    RequestBodyLimit audioUploads() {
        return RequestBodyLimit.unlimited(request -> HttpMethod.PUT.matches(request.getMethod())
                && request.getRequestURI().matches("/v1/tenants/[^/]+/calls/[^/]+/recordings/[^/]+"));
    }
}
