package io.callvault.people;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.SessionPrincipals;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

/**
 * Contract 7: with a session cookie the native API answers a person as a client with the scopes their role gives on
 * the tenant the request names, and on no other tenant. The person is read afresh on each request, so that a grant
 * taken away or a person deleted counts at once.
 */
@Component
class PersonPrincipals implements SessionPrincipals {

    private final PersonRepository people;

    PersonPrincipals(PersonRepository people) {
        this.people = people;
    }

    @Override
    public Optional<ClientPrincipal> of(HttpServletRequest request, String tenantId) {
        return signedIn(request).map(person -> {
            Set<String> tenants = person.grants().stream().map(Grant::tenant).collect(Collectors.toUnmodifiableSet());
            Set<Scope> scopes = tenantId == null ? Set.of()
                    : person.grantOn(tenantId).map(grant -> grant.role().scopes()).orElse(Set.of());
            return new ClientPrincipal(person.accessLogName(), person.username(), tenants, scopes,
                    Optional.ofNullable(tenantId));
        });
    }

    /** The person signed in with the request's session; a session of a person since deleted is ended. */
    Optional<Person> signedIn(HttpServletRequest request) {
        Optional<String> username = SignedInPeople.username(request);
        if (username.isEmpty()) {
            return Optional.empty();
        }
        Optional<Person> person = people.find(username.get());
        if (person.isEmpty()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                SignedInPeople.invalidate(session);
            }
        }
        return person;
    }
}
