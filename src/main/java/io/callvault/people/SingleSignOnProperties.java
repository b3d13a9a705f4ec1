package io.callvault.people;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on with an OpenID Connect provider ({@code CALLVAULT_OIDC_*}); off unless an issuer is set.
 *
 * @param issuer the provider's issuer URL, where its discovery document is found
 * @param clientId CallVault's client id at the provider
 * @param clientSecret CallVault's client secret at the provider (kept in the environment, never in the database)
 * @param usernameClaim the ID token claim that names the person in CallVault
 * @param grantsClaim the claim listing the person's grants, each {@code tenant:role}; set at every sign-in
 * @param scopes the scopes asked for
 */
@ConfigurationProperties("callvault.oidc")
public record SingleSignOnProperties(String issuer, String clientId, String clientSecret,
        @DefaultValue("preferred_username") String usernameClaim, @DefaultValue("callvault_grants") String grantsClaim,
        @DefaultValue({"openid", "profile"}) List<String> scopes) {
}
