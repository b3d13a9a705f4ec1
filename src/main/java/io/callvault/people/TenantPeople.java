package io.callvault.people;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.callvault.tenancy.Admin;
import io.callvault.tenancy.AdminLog;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.web.ApiException;

import org.springframework.stereotype.Service;

/**
 * A tenant's people as its tenant admin manages them (scope {@code manage}): who has which role on this tenant, a new
 * local account for it, a role changed or taken away. What a tenant admin may not do, because it reaches beyond their
 * tenant: set the password of someone who also works on another tenant, change a person whose grants come from the
 * single sign-on provider, or change their own role (so that a tenant is not left without its admin by a slip).
 * Every change is in the admin's audit trail, saying who made it.
 */
@Service
class TenantPeople {

    private final PersonRepository people;
    private final PeopleAdmin admin;
    private final AdminLog adminLog;
    private final SignedInPeople signedIn;

    TenantPeople(PersonRepository people, PeopleAdmin admin, AdminLog adminLog, SignedInPeople signedIn) {
        this.people = people;
        this.admin = admin;
        this.adminLog = adminLog;
        this.signedIn = signedIn;
    }

    /** A person as their tenant's admin sees them: their role here, and whether the provider manages them. */
    record Member(String username, String role, boolean singleSignOn) {
    }

    /** @param password only for a new person, or one whose only tenant is this one; null keeps it */
    record MemberChange(String role, String password) {
    }

    /** Who made a change, and from where. */
    record Manager(ClientPrincipal principal, String address) {
    }

    record Outcome(Member member, boolean created) {
    }

    List<Member> list(String tenantId) {
        return people.onTenant(tenantId);
    }

    Outcome put(Manager by, String tenantId, String username, MemberChange change) {
        PeopleAdmin.USERNAME.require(username);
        if (change == null || change.role() == null) {
            throw ApiException.badRequest("a JSON body with role (listener, auditor or tenant-admin) and, for a new"
                    + " person, password is expected");
        }
        Role role = Role.fromWireName(change.role());
        notThemselves(by, username);
        Optional<Person> known = people.find(username);
        if (known.isEmpty()) {
            if (change.password() == null) {
                throw ApiException.badRequest("'" + username + "' is new here: a password is needed");
            }
            Person person = new Person(username, Optional.of(admin.hash(change.password())),
                    List.of(new Grant(tenantId, role)));
            if (!people.insert(person)) {
                throw ApiException.conflict("user '" + username + "' was made meanwhile: try again");
            }
            record(by, "user.create", username, tenantId, role);
            return new Outcome(new Member(username, role.wireName(), false), true);
        }
        Person person = managed(known.get());
        Optional<String> hash = person.passwordHash();
        if (change.password() != null) {
            if (person.grants().stream().anyMatch(grant -> !grant.tenant().equals(tenantId))) {
                throw ApiException.forbidden("'" + username + "' also works on other tenants: only the server's"
                        + " administrator sets their password");
            }
            hash = Optional.of(admin.hash(change.password()));
        }
        List<Grant> grants = new ArrayList<>(person.grants().stream()
                .filter(grant -> !grant.tenant().equals(tenantId)).toList());
        grants.add(new Grant(tenantId, role));
        grants.sort(Comparator.comparing(Grant::tenant));
        people.update(new Person(username, hash, grants));
        if (change.password() != null) {
            signedIn.end(username); // a new password ends the sessions the old one opened
        }
        record(by, "user.update", username, (change.password() == null ? "" : "password changed; ") + tenantId, role);
        return new Outcome(new Member(username, role.wireName(), false), false);
    }

    /** Takes the person's role on this tenant away; a person left with no tenant at all is deleted. */
    void remove(Manager by, String tenantId, String username) {
        Person person = people.find(username).filter(p -> p.grantOn(tenantId).isPresent())
                .orElseThrow(() -> ApiException.notFound("no person '" + username + "' on this tenant"));
        notThemselves(by, username);
        managed(person);
        List<Grant> rest = person.grants().stream().filter(grant -> !grant.tenant().equals(tenantId)).toList();
        if (rest.isEmpty()) {
            people.delete(username);
            signedIn.end(username);
        } else {
            people.update(new Person(username, person.passwordHash(), rest));
        }
        adminLog.record(new Admin(by.address()), rest.isEmpty() ? "user.delete" : "user.update", username,
                "by " + by.principal().clientId() + ": no role on tenant " + tenantId);
    }

    private static void notThemselves(Manager by, String username) {
        if (by.principal().isPerson() && by.principal().name().equals(username)) {
            throw ApiException.badRequest("you cannot change your own role: another tenant admin, or the server's"
                    + " administrator, can");
        }
    }

    private static Person managed(Person person) {
        if (person.passwordHash().isEmpty()) {
            throw ApiException.conflict("'" + person.username() + "' signs in with single sign-on: their roles are"
                    + " set by the identity provider");
        }
        return person;
    }

    private void record(Manager by, String action, String username, String what, Role role) {
        adminLog.record(new Admin(by.address()), action, username,
                "by " + by.principal().clientId() + ": " + what + "=" + role.wireName());
    }
}
