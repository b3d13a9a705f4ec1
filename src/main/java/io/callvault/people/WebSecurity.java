package io.callvault.people;

import io.callvault.cluster.SharedBuckets;
import io.callvault.web.ErrorModels;
import io.callvault.web.Failure;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security for people only. Its filters see a request only when it carries no API credential (no
 * {@code Authorization} header, no signed URL): API clients keep their own path and pay nothing for it. Every request
 * is let through here; what a request may do is decided by its handler's one declaration
 * ({@link io.callvault.tenancy.Permitted}), which asks {@link PersonPrincipals} about the session. What this adds:
 * sign-in at {@code POST /login}, sign-out at {@code POST /logout}, and CSRF protection of every state-changing
 * request that comes with a session (the token in the {@code XSRF-TOKEN} cookie, sent back in {@value #CSRF_HEADER}),
 * and single sign-on when it is configured ({@link SingleSignOn}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not for the jar's commands
class WebSecurity {

    static final String CSRF_HEADER = "X-CSRF-TOKEN";

    @Bean
    SecurityFilterChain people(HttpSecurity http, SharedBuckets buckets, SignedInPeople signedIn, ErrorModels errors,
            ObjectProvider<SingleSignOn> singleSignOn) throws Exception {
        LoginThrottle throttle = new LoginThrottle(buckets);
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse(); // the page's script reads it
        csrfTokens.setHeaderName(CSRF_HEADER);
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        http.securityMatcher(WebSecurity::withoutApiCredential)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .anonymous(anonymous -> anonymous.disable())
                // who signed in is the session's one attribute (SignedInPeople); Spring Security's context, with
                // its principal and a single sign-on's ID token, stays out of the session and so out of the database
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                // audio, pages and the API set their own caching; Spring Security's no-store would undo it
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(WebSecurity::needsCsrfToken))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler((request, response, denied) ->
                        errors.write(request, response, Failure.of(403, "this request comes with a session and needs"
                                + " the page's CSRF token in the " + CSRF_HEADER + " header"))))
                .formLogin(login -> login.loginPage("/login")
                        .successHandler(signedIn)
                        .failureHandler((request, response, failure) -> {
                            throttle.failed(request);
                            response.sendRedirect("/login?error"); // the same whether the person exists or not
                        }))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"))
                .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new CsrfCookie(), CsrfFilter.class);
        SingleSignOn sso = singleSignOn.getIfAvailable();
        if (sso != null) {
            sso.configure(http, signedIn);
        }
        return http.build();
    }

    /**
     * Spring Security's firewall sees every request, an API client's too, and refuses some URLs (a {@code ;}, a
     * {@code //}, an encoded {@code %}): answered 400 in the surface's own error model, like any other bad request.
     */
    @Bean
    RequestRejectedHandler requestRejected(ErrorModels errors) {
        return (request, response, rejected) -> errors.write(request, response,
                Failure.of(400, "the request's URL is not acceptable: " + rejected.getMessage()));
    }

    static boolean withoutApiCredential(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && (query == null || !(query.startsWith("sig=") || query.contains("&sig=")));
    }

    /** Sign-in and sign-out always; any other change only when it comes with a session (a browser's cookie). */
    private static boolean needsCsrfToken(HttpServletRequest request) {
        return switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
            default -> request.getRequestedSessionId() != null
                    || request.getRequestURI().equals("/login") || request.getRequestURI().equals("/logout");
        };
    }
}
