package io.callvault.people;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.callvault.tenancy.TenantRepository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A person signed in by the OpenID provider: named by its username claim, granted what its grants claim lists (each
 * {@code tenant:role}, e.g. {@code acme:listener}), and kept as a person without a password, so that from then on
 * they are like any other person (contract 7). Grants naming an unknown tenant or role are left out, and said in
 * the log: the provider is configured by someone else, and the rest of the person's grants still count.
 */
final class SingleSignOnPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private static final Logger log = LoggerFactory.getLogger(SingleSignOnPeople.class);

    private final OidcUserService provider = new OidcUserService();
    private final SingleSignOnProperties settings;
    private final PeopleAdmin people;
    private final TenantRepository tenants;

    SingleSignOnPeople(SingleSignOnProperties settings, PeopleAdmin people, TenantRepository tenants) {
        this.settings = settings;
        this.people = people;
        this.tenants = tenants;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = provider.loadUser(request);
        String username = user.getClaimAsString(settings.usernameClaim());
        if (username == null || !PeopleAdmin.USERNAME.isValid(username)) {
            throw refused("no-username", "the provider's " + settings.usernameClaim() + " claim is missing or not a"
                    + " valid username: " + PeopleAdmin.USERNAME.describe());
        }
        if (!people.signedOn(username, grants(username, user))) {
            throw refused("local-account", "'" + username + "' is a local account: it signs in with its password");
        }
        return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("ROLE_PERSON")), user.getIdToken(),
                user.getUserInfo(), settings.usernameClaim());
    }

    private List<Grant> grants(String username, OidcUser user) {
        List<String> claimed = user.hasClaim(settings.grantsClaim()) ? user.getClaimAsStringList(settings.grantsClaim())
                : List.of();
        List<Grant> grants = new ArrayList<>();
        Set<String> granted = new HashSet<>();
        for (String grant : claimed == null ? List.<String>of() : claimed) {
            int colon = grant.lastIndexOf(':');
            String tenant = colon < 0 ? grant : grant.substring(0, colon);
            Role role = colon < 0 ? null : Role.parse(grant.substring(colon + 1)).orElse(null);
            if (role == null || tenants.find(tenant).isEmpty() || !granted.add(tenant)) {
                log.warn("single sign-on grant left out: user={} grant={} (a known tenant once, and a role of"
                        + " listener, auditor or tenant-admin)", username, grant);
                continue;
            }
            grants.add(new Grant(tenant, role));
        }
        grants.sort(Comparator.comparing(Grant::tenant)); // as the repository lists them, to see a change
        return grants;
    }

    private static OAuth2AuthenticationException refused(String code, String why) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, why, null), why);
    }
}
