package io.callvault.tenancy;

import java.time.Instant;

/**
 * What a credential stands for, and until when: an access token expires, an API key does not ({@link Instant#MAX}).
 *
 * @param accessToken a Wellcloud access token, good on that dialect only
 */
record Authenticated(ClientPrincipal principal, Instant validUntil, boolean accessToken) {
}
