package io.callvault.people;

/** A person's role on one tenant. */
public record Grant(String tenant, Role role) {
}
