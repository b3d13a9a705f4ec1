package io.callvault.tenancy;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.callvault.cluster.CacheSettings;
import io.callvault.cluster.Invalidations;
import io.callvault.cluster.SharedCache;
import io.callvault.tenancy.AuthenticationException.Reason;
import io.callvault.web.ApiException;

import org.springframework.stereotype.Component;

/**
 * The one authentication path. Every surface hands it the {@code Authorization} header (bare or {@code Bearer})
 * or a signed URL's parameters, with the address the request came from, and decides itself how to answer a failure.
 * Every check of a credential not already known to be good goes through {@link AuthFailures}.
 */
@Component
public class Authenticator {

    private final ClientRepository clients;
    private final AccessTokens tokens;
    private final PlaybackSignatures signatures;
    private final AdminToken adminToken;
    private final AuthFailures failures;
    private final Clock clock;
    /** By credential hash: a database round trip less on every request; emptied of a client when it changes. */
    private final SharedCache<String, Authenticated> known;

    public Authenticator(ClientRepository clients, AccessTokens tokens, PlaybackSignatures signatures, AdminToken adminToken,
            AuthFailures failures, Clock clock, Invalidations invalidations,
            CacheSettings caching) {
        this.clients = clients;
        this.tokens = tokens;
        this.signatures = signatures;
        this.adminToken = adminToken;
        this.failures = failures;
        this.clock = clock;
        this.known = new SharedCache<>(invalidations, caching.ttl(), 10_000);
        known.forgetOn(Invalidations.Topic.CLIENT, (clientId, entry) -> entry.principal().clientId().equals(clientId));
    }

    /** The client behind an API key: the native API and Comdesign. */
    public ClientPrincipal client(String authorization, String address) {
        return authenticate(authorization, address, false);
    }

    /** The client behind an API key or a Wellcloud access token: the Wellcloud dialect only. */
    public ClientPrincipal clientOrAccessToken(String authorization, String address) {
        return authenticate(authorization, address, true);
    }

    private ClientPrincipal authenticate(String authorization, String address, boolean tokensAccepted) {
        String hash = Secrets.sha256(credential(authorization));
        Instant now = clock.instant();
        Optional<Authenticated> good = known.cached(hash).filter(found -> usable(found, now, tokensAccepted));
        if (good.isPresent()) {
            return good.get().principal();
        }
        AuthFailures.Attempt attempt = failures.begin(address);
        Optional<Authenticated> found = known.get(hash, this::lookUp).filter(f -> usable(f, now, tokensAccepted));
        if (found.isEmpty()) {
            throw failures.failed(attempt, new AuthenticationException(Reason.INVALID, "unknown, revoked or expired credential"));
        }
        failures.succeeded(attempt);
        return found.get().principal();
    }

    private static boolean usable(Authenticated found, Instant now, boolean tokensAccepted) {
        return found.validUntil().isAfter(now) && (tokensAccepted || !found.accessToken());
    }

    private Optional<Authenticated> lookUp(String credentialHash) {
        return clients.findActiveByAnyApiKeyHash(credentialHash, clock.instant())
                .map(match -> new Authenticated(match.client().principal(), match.validUntil(), false))
                .or(() -> tokens.resolve(credentialHash));
    }

    /** The client that signed a playback URL of this recording. */
    public ClientPrincipal signedUrl(String tenantId, String recordingId, String expires, String clientId, String sig) {
        return signatures.verify(tenantId, recordingId, expires, clientId, sig)
                .orElseThrow(() -> new AuthenticationException(Reason.INVALID, "playback URL signature is invalid or expired"));
    }

    /** The active client that owns this Comdesign source UUID and presented this API key; empty for any mismatch. */
    public Optional<ClientPrincipal> clientOfSource(String sourceUuid, String authorization, String address) {
        ClientPrincipal principal;
        try {
            principal = client(authorization, address);
        } catch (AuthenticationException e) {
            return Optional.empty();
        }
        return clients.findActiveBySourceUuid(sourceUuid)
                .filter(owner -> owner.id().equals(principal.clientId()))
                .map(owner -> principal);
    }

    /** The admin token, and nothing else: a client's key is 403, anything else 401 (throttled like every guess). */
    public void requireAdmin(String authorization, String address) {
        String credential = credential(authorization);
        if (adminToken.matches(credential)) {
            return;
        }
        AuthFailures.Attempt attempt = failures.begin(address);
        if (clients.findActiveByApiKeyHash(Secrets.sha256(credential)).isPresent()) {
            failures.succeeded(attempt);
            throw ApiException.forbidden("the admin API takes only the admin token, not a client's key");
        }
        throw failures.failed(attempt, new AuthenticationException(Reason.INVALID, "invalid admin token"));
    }

    static String credential(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new AuthenticationException(Reason.MISSING, "an Authorization header is required");
        }
        String value = authorization.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).strip();
        }
        if (value.isEmpty()) {
            throw new AuthenticationException(Reason.MISSING, "the Authorization header is empty");
        }
        return value;
    }
}
