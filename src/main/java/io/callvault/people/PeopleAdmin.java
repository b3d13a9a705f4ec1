package io.callvault.people;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.callvault.tenancy.Admin;
import io.callvault.tenancy.AdminLog;
import io.callvault.tenancy.TenantRepository;
import io.callvault.web.ApiException;
import io.callvault.web.IdFormat;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Contract 7's users: made, listed, changed and deleted by the admin, each change in the admin's audit trail. */
@Service
public class PeopleAdmin {

    static final IdFormat USERNAME = new IdFormat("username", "A-Za-z0-9._@+-", 64, "A-Z a-z 0-9 . _ @ + -");
    static final int SHORTEST_PASSWORD = 12;
    /** bcrypt reads only the first 72 bytes of a password: a longer one would be silently cut. */
    static final int LONGEST_PASSWORD = 72;
    /** Who made a change in the admin log when the OpenID provider's claims made it. */
    private static final Admin SINGLE_SIGN_ON = new Admin("single sign-on");

    private final PersonRepository people;
    private final TenantRepository tenants;
    private final PasswordEncoder passwords;
    private final AdminLog adminLog;
    private final SignedInPeople signedIn;

    PeopleAdmin(PersonRepository people, TenantRepository tenants, PasswordEncoder passwords, AdminLog adminLog,
            SignedInPeople signedIn) {
        this.people = people;
        this.tenants = tenants;
        this.passwords = passwords;
        this.adminLog = adminLog;
        this.signedIn = signedIn;
    }

    public record GrantView(String tenant, String role) {
        static List<GrantView> of(List<Grant> grants) {
            return grants.stream().map(grant -> new GrantView(grant.tenant(), grant.role().wireName())).toList();
        }
    }

    /** What is said of a person: never the password or its hash. */
    public record PersonView(String username, List<GrantView> grants) {
        static PersonView of(Person person) {
            return new PersonView(person.username(), GrantView.of(person.grants()));
        }
    }

    public record NewPerson(String username, String password, List<GrantView> grants) {
    }

    public record PersonChange(String password, List<GrantView> grants) {
    }

    public PersonView create(Admin admin, NewPerson request) {
        if (request == null) {
            throw ApiException.badRequest("a JSON body with username, password and grants is expected");
        }
        String username = USERNAME.require(request.username());
        Person person = new Person(username, Optional.of(hash(request.password())), grants(request.grants()));
        if (!people.insert(person)) {
            throw ApiException.conflict("user '" + username + "' exists");
        }
        adminLog.record(admin, "user.create", username, grantsText(person));
        return PersonView.of(person);
    }

    public List<PersonView> list() {
        return people.list().stream().map(PersonView::of).toList();
    }

    public PersonView person(String username) {
        return PersonView.of(existing(username));
    }

    public PersonView update(Admin admin, String username, PersonChange change) {
        Person person = existing(username);
        if (change == null) {
            throw ApiException.badRequest("a JSON body with grants, password or both is expected");
        }
        Person changed = new Person(username,
                change.password() == null ? person.passwordHash() : Optional.of(hash(change.password())),
                change.grants() == null ? person.grants() : grants(change.grants()));
        people.update(changed);
        if (change.password() != null) {
            signedIn.end(username); // a new password ends the sessions the old one opened
        }
        adminLog.record(admin, "user.update", username,
                (change.password() == null ? "" : "password changed; ") + grantsText(changed));
        return PersonView.of(changed);
    }

    public void delete(Admin admin, String username) {
        if (!people.delete(username)) {
            throw ApiException.notFound("user '" + username + "' not found");
        }
        signedIn.end(username);
        adminLog.record(admin, "user.delete", username, null);
    }

    /**
     * A person the OpenID provider vouches for, with the grants its claim lists: made at their first sign-in and their
     * grants set again at each, since the provider is where they are managed. A local account of the same name (one
     * with a password) is never taken over.
     *
     * @return false when the name belongs to a local account
     */
    boolean signedOn(String username, List<Grant> grants) {
        Optional<Person> known = people.find(username);
        if (known.isPresent() && known.get().passwordHash().isPresent()) {
            return false;
        }
        Person person = new Person(username, Optional.empty(), grants);
        if (known.isEmpty()) {
            if (!people.insert(person)) {
                return signedOn(username, grants); // made meanwhile by a sign-in of theirs on another tab or node
            }
            adminLog.record(SINGLE_SIGN_ON, "user.create", username, grantsText(person));
        } else if (!known.get().grants().equals(grants)) {
            people.update(person);
            adminLog.record(SINGLE_SIGN_ON, "user.update", username, grantsText(person));
        }
        return true;
    }

    private Person existing(String username) {
        return people.find(username).orElseThrow(() -> ApiException.notFound("user '" + username + "' not found"));
    }

    String hash(String password) {
        if (password == null || password.length() < SHORTEST_PASSWORD) {
            throw ApiException.badRequest("a password must be at least " + SHORTEST_PASSWORD + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > LONGEST_PASSWORD) {
            throw ApiException.badRequest("a password must be at most " + LONGEST_PASSWORD + " bytes");
        }
        return passwords.encode(password);
    }

    private List<Grant> grants(List<GrantView> requested) {
        if (requested == null) {
            return List.of();
        }
        List<Grant> grants = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GrantView grant : requested) {
            if (grant == null || grant.tenant() == null || grant.role() == null) {
                throw ApiException.badRequest("a grant is {\"tenant\",\"role\"}");
            }
            if (tenants.find(grant.tenant()).isEmpty()) {
                throw ApiException.badRequest("tenant '" + grant.tenant() + "' does not exist");
            }
            if (!seen.add(grant.tenant())) {
                throw ApiException.badRequest("tenant '" + grant.tenant() + "' is granted twice: a person has one role per tenant");
            }
            grants.add(new Grant(grant.tenant(), Role.fromWireName(grant.role())));
        }
        return grants;
    }

    private static String grantsText(Person person) {
        return "grants " + person.grants().stream().map(g -> g.tenant() + "=" + g.role().wireName()).toList();
    }
}
