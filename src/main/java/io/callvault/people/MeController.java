package io.callvault.people;

import java.util.List;

import io.callvault.tenancy.TenantRepository;
import io.callvault.web.ApiException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contract 7: {@code GET /v1/me}, the person signed in and their grants (with each tenant's name and zone); and what
 * the sign-in page offers.
 */
@RestController
class MeController {

    private final PersonPrincipals principals;
    private final TenantRepository tenants;

    private final PersonRepository people;
    private final boolean singleSignOn;

    MeController(PersonPrincipals principals, TenantRepository tenants, PersonRepository people,
            ObjectProvider<SingleSignOn> singleSignOn) {
        this.principals = principals;
        this.tenants = tenants;
        this.people = people;
        this.singleSignOn = singleSignOn.getIfAvailable() != null;
    }

    /**
     * @param singleSignOn where the sign-in page sends a person to sign in with the OpenID provider; null if none
     * @param firstRun     no person exists yet: the page offers to make the first one with the admin token
     */
    record SignInOptions(String singleSignOn, boolean firstRun) {
    }

    /** What the sign-in page offers: the form always, single sign-on when it is configured, set-up on a first run. */
    @GetMapping("/v1/sign-in-options")
    SignInOptions signInOptions() {
        return new SignInOptions(singleSignOn ? IdentityProvider.SIGN_IN_PATH : null, !people.anyone());
    }

    record MyGrant(String tenant, String role, String name, String timeZone) {
    }

    record Me(String username, List<MyGrant> grants) {
    }

    @GetMapping("/v1/me")
    Me me(HttpServletRequest request) {
        Person person = principals.signedIn(request)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "sign in first: POST /login"));
        return new Me(person.username(), person.grants().stream()
                .flatMap(grant -> tenants.find(grant.tenant()).stream().map(tenant ->
                        new MyGrant(grant.tenant(), grant.role().wireName(), tenant.name(), tenant.timeZone().getId())))
                .toList());
    }
}
