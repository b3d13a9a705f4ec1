package io.callvault.tenancy;

/**
 * The caller holds the admin token. Taken as the first parameter of an admin handler, so that the token is checked
 * before anything else of the request (its body included) is read.
 *
 * @param address where the request came from, for the audit trail
 */
public record Admin(String address) {
}
