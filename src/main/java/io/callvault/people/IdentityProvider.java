package io.callvault.people;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The one OpenID provider of single sign-on, read from its discovery document at the first sign-in that needs it
 * and kept from then on. Not at start-up: a provider that is down when CallVault starts must not keep it from
 * taking recordings; a sign-in meanwhile is refused and the next one tries again.
 */
final class IdentityProvider implements ClientRegistrationRepository {

    static final String REGISTRATION_ID = "sso";
    /** Where the sign-in page sends a person to sign in with the provider (Spring Security's endpoint). */
    static final String SIGN_IN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;
    static final String CALLBACK_PATH = "/login/oauth2/code/" + REGISTRATION_ID;

    private static final Logger log = LoggerFactory.getLogger(IdentityProvider.class);

    private final SingleSignOnProperties settings;
    private volatile ClientRegistration registration;

    IdentityProvider(SingleSignOnProperties settings) {
        if (settings.clientId() == null || settings.clientId().isBlank()) {
            throw new IllegalStateException("CALLVAULT_OIDC_ISSUER is set but CALLVAULT_OIDC_CLIENT_ID is not");
        }
        this.settings = settings;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration;
        if (known == null) {
            synchronized (this) {
                if (registration == null) {
                    registration = discover();
                }
                known = registration;
            }
        }
        return known;
    }

    private ClientRegistration discover() {
        try {
            ClientRegistration discovered = ClientRegistrations.fromIssuerLocation(settings.issuer())
                    .registrationId(REGISTRATION_ID)
                    .clientId(settings.clientId())
                    .clientSecret(settings.clientSecret())
                    .scope(settings.scopes())
                    // replaced for each request by the server's public URL (SingleSignOn): never the Host header
                    .redirectUri("{baseUrl}" + CALLBACK_PATH)
                    // the name stays the provider's default ("sub", always there): SingleSignOnPeople reads the
                    // username claim itself and refuses a token without it, where Spring Security would fail with a 500
                    .build();
            log.info("single sign-on provider found: issuer={}", settings.issuer());
            return discovered;
        } catch (RuntimeException unreachable) {
            log.warn("single sign-on provider not reachable: issuer={} reason={}", settings.issuer(),
                    unreachable.getMessage());
            throw unreachable;
        }
    }
}
