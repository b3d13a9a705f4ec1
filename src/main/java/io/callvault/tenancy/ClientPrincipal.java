package io.callvault.tenancy;

import java.util.Optional;
import java.util.Set;

import io.callvault.web.ApiException;

/**
 * An authenticated API client.
 *
 * @param boundTenant the tenant a Wellcloud token was issued for, when the client came in with one
 */
public record ClientPrincipal(String clientId, String name, Set<String> tenants, Set<Scope> scopes,
        Optional<String> boundTenant) {

    /** How a person signed in to the web player is named where a client's id goes (the access log, a hold). */
    public static final String PERSON_PREFIX = "user:";

    /** A person with a session cookie, not an API client (client ids are UUIDs). */
    public boolean isPerson() {
        return clientId.startsWith(PERSON_PREFIX);
    }

    public boolean permits(String tenantId) {
        return tenants.contains(tenantId) && boundTenant.map(tenantId::equals).orElse(true);
    }

    /**
     * Checks the client may act on the tenant. A tenant it may not see answers 404, as if it did not exist,
     * so that no client learns of another tenant's existence.
     */
    public void requireTenant(String tenantId, Scope scope) {
        if (!permits(tenantId)) {
            throw ApiException.notFound("tenant '" + tenantId + "' not found");
        }
        requireScope(scope);
    }

    public void requireScope(Scope scope) {
        if (!scopes.contains(scope)) {
            throw ApiException.forbidden("this client lacks the '" + scope.wireName() + "' scope");
        }
    }

    /** The same client, acting on this one tenant only (what a Wellcloud request is). */
    public ClientPrincipal boundTo(String tenantId) {
        return new ClientPrincipal(clientId, name, tenants, scopes, Optional.of(tenantId));
    }

    /** The one tenant a single-tenant dialect (Wellcloud) acts on. */
    public Optional<String> soleTenant() {
        if (boundTenant.isPresent()) {
            return boundTenant;
        }
        return tenants.size() == 1 ? Optional.of(tenants.iterator().next()) : Optional.empty();
    }
}
