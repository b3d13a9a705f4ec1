package io.callvault.people;

import java.util.List;
import java.util.Optional;

import io.callvault.tenancy.ClientPrincipal;

/**
 * A human user of the web player.
 *
 * @param passwordHash the adaptive hash of the password; empty for a person who signs in only through single sign-on
 */
public record Person(String username, Optional<String> passwordHash, List<Grant> grants) {

    public Optional<Grant> grantOn(String tenantId) {
        return grants.stream().filter(grant -> grant.tenant().equals(tenantId)).findFirst();
    }

    /** The name a person's reads are logged under in the access log, apart from API clients' ids. */
    public String accessLogName() {
        return ClientPrincipal.PERSON_PREFIX + username;
    }
}
