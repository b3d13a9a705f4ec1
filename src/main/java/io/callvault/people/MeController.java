package io.callvault.people;

import java.util.List;

import io.callvault.tenancy.TenantRepository;
import io.callvault.web.ApiException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Contract 7: {@code GET /v1/me}, the person signed in and their grants (with each tenant's name and zone). */
@RestController
class MeController {

    private final PersonPrincipals principals;
    private final TenantRepository tenants;

    MeController(PersonPrincipals principals, TenantRepository tenants) {
        this.principals = principals;
        this.tenants = tenants;
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
