package io.callvault.tenancy;

import io.callvault.tenancy.Permitted.TenantFrom;

/**
 * What a handler requires of its caller, as a value: the same declaration as {@link Permitted} (with
 * {@link AccessTokenAccepted}) on a controller's parameter, for handlers outside Spring MVC (the audio endpoints).
 *
 * @param scope       the scope the caller must hold on the tenant
 * @param tenant      where the tenant is named
 * @param signedUrl   a signed playback URL of the recording in the path stands in for a credential (contract 2)
 * @param accessToken a Wellcloud access token is accepted besides an API key
 */
public record Permission(Scope scope, TenantFrom tenant, boolean signedUrl, boolean accessToken) {

    /** The native API: the tenant in the path, an API key or the person signed in. */
    public static Permission onPathTenant(Scope scope) {
        return new Permission(scope, TenantFrom.PATH, false, false);
    }

    /** The Wellcloud dialect: the client's one tenant, an API key or a Wellcloud access token. */
    public static Permission onSoleTenant(Scope scope) {
        return new Permission(scope, TenantFrom.SOLE, false, true);
    }

    public Permission orSignedUrl() {
        return new Permission(scope, tenant, true, accessToken);
    }

    static Permission of(Permitted permitted, boolean accessToken) {
        return new Permission(permitted.value(), permitted.tenant(), permitted.signedUrl(), accessToken);
    }
}
