package io.callvault.people;

import io.callvault.tenancy.TenantRepository;
import io.callvault.web.PublicUrl;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.stereotype.Component;

/**
 * Contract 7's sign-in through an OpenID Connect provider, for sites whose people are managed there: the sign-in page
 * offers it when {@code CALLVAULT_OIDC_ISSUER} is set. Spring Security's OAuth2 client does the protocol (authorization
 * code flow, state, nonce, ID token checks); CallVault decides who the person is ({@link SingleSignOnPeople}). A
 * failure ends on the sign-in page with a reason, never on an error page.
 */
@Component
@ConditionalOnExpression("'${callvault.oidc.issuer:}' != ''")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SingleSignOn {

    private final IdentityProvider provider;
    private final SingleSignOnPeople people;
    private final PublicUrl publicUrl;

    SingleSignOn(SingleSignOnProperties settings, PeopleAdmin people, TenantRepository tenants, PublicUrl publicUrl) {
        this.provider = new IdentityProvider(settings);
        this.people = new SingleSignOnPeople(settings, people, tenants);
        this.publicUrl = publicUrl;
    }

    void configure(HttpSecurity http, SignedInPeople signedIn) throws Exception {
        http.oauth2Login(login -> login.loginPage("/login")
                .clientRegistrationRepository(provider)
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(callbackOnPublicUrl()))
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(people))
                .successHandler(signedIn)
                .failureHandler((request, response, failure) -> response.sendRedirect("/login?sso-error="
                        + (failure instanceof OAuth2AuthenticationException refused
                                ? refused.getError().getErrorCode().replaceAll("[^a-z_-]", "") : "failed")))
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        // the provider could not be found (discovery failed): back to the form, not a 500
                        filter.setAuthenticationFailureHandler((request, response, failure) ->
                                response.sendRedirect("/login?sso-error=unavailable"));
                        return filter;
                    }
                }));
    }

    /**
     * The callback URL the provider is given is built from the server's public URL, as every URL CallVault hands out
     * ({@link PublicUrl}); Spring Security's default would build it from the Host header.
     */
    private OAuth2AuthorizationRequestResolver callbackOnPublicUrl() {
        var defaults = new DefaultOAuth2AuthorizationRequestResolver(provider,
                OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return onPublicUrl(request, defaults.resolve(request));
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                return onPublicUrl(request, defaults.resolve(request, registrationId));
            }
        };
    }

    private OAuth2AuthorizationRequest onPublicUrl(HttpServletRequest request, OAuth2AuthorizationRequest resolved) {
        return resolved == null ? null : OAuth2AuthorizationRequest.from(resolved)
                .redirectUri(publicUrl.base(request) + IdentityProvider.CALLBACK_PATH).build();
    }
}
