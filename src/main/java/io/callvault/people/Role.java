package io.callvault.people;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.callvault.tenancy.Scope;
import io.callvault.web.ApiException;

/**
 * A person's role on one tenant, and the API scopes it stands for there: a listener searches and plays, an auditor
 * also reads the tenant's access log, a tenant admin also places and releases legal holds and manages the tenant's
 * retention and people.
 */
public enum Role {
    LISTENER(EnumSet.of(Scope.READ)),
    AUDITOR(EnumSet.of(Scope.READ, Scope.AUDIT)),
    TENANT_ADMIN(EnumSet.of(Scope.READ, Scope.AUDIT, Scope.HOLD, Scope.MANAGE));

    private final Set<Scope> scopes;

    Role(Set<Scope> scopes) {
        this.scopes = scopes;
    }

    public Set<Scope> scopes() {
        return scopes;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Role fromWireName(String name) {
        return parse(name).orElseThrow(
                () -> ApiException.badRequest("unknown role '" + name + "': use listener, auditor or tenant-admin"));
    }

    static Optional<Role> parse(String name) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(name)).findFirst();
    }
}
