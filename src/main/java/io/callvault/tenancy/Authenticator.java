package io.callvault.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.callvault.cluster.Invalidations;
import io.callvault.cluster.SharedCache;
import io.callvault.tenancy.AuthenticationException.Reason;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one authentication path. Every surface hands it the {@code Authorization} header (bare or
 * {@code Bearer}) or a signed URL's parameters, and decides itself how to answer a failure.
 */
@Component
public class Authenticator {

    private final ClientRepository clients;
    private final AccessTokens tokens;
    private final PlaybackSignatures signatures;
    private final AdminToken adminToken;
    private final Clock clock;
    /** By credential hash: a database round trip less on every request; emptied of a client when it is revoked. */
    private final SharedCache<String, Authenticated> known;

    public Authenticator(ClientRepository clients, AccessTokens tokens, PlaybackSignatures signatures, AdminToken adminToken,
            Clock clock, Invalidations invalidations, @Value("${callvault.cache.ttl:60s}") Duration cacheTtl) {
        this.clients = clients;
        this.tokens = tokens;
        this.signatures = signatures;
        this.adminToken = adminToken;
        this.clock = clock;
        this.known = new SharedCache<>(invalidations, cacheTtl, 10_000);
        known.forgetOn(Invalidations.Topic.CLIENT, (clientId, entry) -> entry.principal().clientId().equals(clientId));
    }

    /** The client behind an API key or an access token. */
    public ClientPrincipal client(String authorization) {
        String hash = Secrets.sha256(credential(authorization));
        Instant now = clock.instant();
        return known.get(hash, this::lookUp)
                .filter(found -> found.validUntil().isAfter(now))
                .map(Authenticated::principal)
                .orElseThrow(() -> new AuthenticationException(Reason.INVALID, "unknown, revoked or expired credential"));
    }

    private Optional<Authenticated> lookUp(String credentialHash) {
        return clients.findActiveByApiKeyHash(credentialHash)
                .map(client -> new Authenticated(client.principal(), Instant.MAX))
                .or(() -> tokens.resolve(credentialHash));
    }

    /** The client that signed a playback URL of this recording. */
    public ClientPrincipal signedUrl(String tenantId, String recordingId, String expires, String clientId, String sig) {
        return signatures.verify(tenantId, recordingId, expires, clientId, sig)
                .orElseThrow(() -> new AuthenticationException(Reason.INVALID, "playback URL signature is invalid or expired"));
    }

    /** The active client that owns this Comdesign source UUID and presented this API key. */
    public Optional<ClientPrincipal> clientOfSource(String sourceUuid, String authorization) {
        ClientPrincipal principal;
        try {
            principal = client(authorization);
        } catch (AuthenticationException e) {
            return Optional.empty();
        }
        return clients.findActiveBySourceUuid(sourceUuid)
                .filter(owner -> owner.id().equals(principal.clientId()))
                .map(owner -> principal);
    }

    public void requireAdmin(String authorization) {
        String credential = credential(authorization);
        if (adminToken.matches(credential)) {
            return;
        }
        if (clients.findActiveByApiKeyHash(Secrets.sha256(credential)).isPresent()) {
            throw new io.callvault.web.ApiException(org.springframework.http.HttpStatus.FORBIDDEN,
                    "the admin API takes only the admin token, not a client's key");
        }
        throw new AuthenticationException(Reason.INVALID, "invalid admin token");
    }

    private static String credential(String authorization) {
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
