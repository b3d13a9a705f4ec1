package testidp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * A real OpenID Connect provider (Spring Authorization Server, with Spring Boot's defaults: discovery, the
 * authorization code flow, signed ID tokens, a sign-in form) for the single sign-on tests, in the test JVM on a port
 * of its own. Its package is outside {@code io.callvault}, so CallVault's component scan never finds it.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
public class TestIdentityProvider {

    public static final String CLIENT_ID = "callvault";
    public static final String CLIENT_SECRET = "callvault-test-secret";
    public static final String PASSWORD = "idp-password";

    /** The provider's people: each signs in with {@link #PASSWORD} and gets these claims in their ID token. */
    public static final class People {
        private final Map<String, Map<String, Object>> claims = new ConcurrentHashMap<>();

        public void put(String login, Map<String, Object> idTokenClaims) {
            claims.put(login, idTokenClaims);
        }
    }

    public record Running(ConfigurableApplicationContext context, String issuer, People people) {
    }

    public static Running start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TestIdentityProvider.class).properties(
                // not CallVault's application.yml (its session cookie name would overwrite CallVault's on 127.0.0.1)
                "spring.config.name=test-identity-provider",
                "server.port=0",
                "spring.main.banner-mode=off",
                "logging.structured.format.console=",
                "management.endpoints.web.exposure.exclude=*",
                "spring.security.oauth2.authorizationserver.client.callvault.registration.client-id=" + CLIENT_ID,
                "spring.security.oauth2.authorizationserver.client.callvault.registration.client-secret={noop}"
                        + CLIENT_SECRET,
                "spring.security.oauth2.authorizationserver.client.callvault.registration.client-authentication-methods"
                        + "=client_secret_basic",
                "spring.security.oauth2.authorizationserver.client.callvault.registration.authorization-grant-types"
                        + "=authorization_code",
                // a loopback callback: any port is allowed (RFC 8252 7.3), as CallVault's test port is random
                "spring.security.oauth2.authorizationserver.client.callvault.registration.redirect-uris"
                        + "=http://127.0.0.1/login/oauth2/code/sso",
                "spring.security.oauth2.authorizationserver.client.callvault.registration.scopes=openid,profile",
                "spring.security.oauth2.authorizationserver.client.callvault.require-authorization-consent=false")
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Running(context, "http://127.0.0.1:" + port, context.getBean(People.class));
    }

    @Bean
    People people() {
        return new People();
    }

    @Bean
    UserDetailsService users(People people) {
        return login -> {
            if (!people.claims.containsKey(login)) {
                throw new UsernameNotFoundException(login);
            }
            return User.withUsername(login).password("{noop}" + PASSWORD).roles("USER").build();
        };
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(People people) {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                context.getClaims().claims(claims -> claims.putAll(
                        people.claims.getOrDefault(context.getPrincipal().getName(), Map.of())));
            }
        };
    }

    /** For a test's claims: the grants claim as the provider sends it, a JSON array of strings. */
    public static Map<String, Object> claims(String preferredUsername, List<String> grants) {
        return Map.of("preferred_username", preferredUsername, "callvault_grants", grants);
    }
}
