package io.callvault.tenancy;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The person signed in with a request's session cookie, as a client of the native API (the people feature answers;
 * tenancy does not know of people).
 */
public interface SessionPrincipals {

    /** @param tenantId the tenant the request's path names, or null */
    Optional<ClientPrincipal> of(HttpServletRequest request, String tenantId);
}
