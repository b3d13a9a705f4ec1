package io.callvault.delivery;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import io.callvault.web.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One endpoint that answers with audio, on any surface (native, Wellcloud, Comdesign). It is served by
 * {@link AudioEndpoints} ahead of Spring MVC: on a 64 KiB range, MVC's dispatch and the filters before it were a third
 * of the server's work (docs/performance.md, tenth round). Each surface declares its endpoints as beans.
 */
public interface AudioEndpoint {

    /** The path, as a template in Spring's syntax: {@code /v1/tenants/{tenantId}/recordings/{recordingId}/audio}. */
    String path();

    /** The methods it answers (HEAD with GET); OPTIONS is answered for it. */
    Set<String> methods();

    /** Authenticates, authorizes (through {@code tenancy.Permissions}) and answers. */
    void serve(HttpServletRequest request, HttpServletResponse response, Map<String, String> pathVariables)
            throws IOException;

    /** What a failure means in the surface's own terms, or null where the core's meaning holds. */
    default Failure failureOf(Exception e) {
        return null;
    }
}
