package io.callvault.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.callvault.web.ApiException;

import org.springframework.stereotype.Component;

/**
 * Short-lived access tokens exchanged for an appId and appSecret (the Wellcloud dialect's token). Kept in the
 * database, as hashes, so that every node accepts a token any node issued.
 */
@Component
public class AccessTokens {

    static final Duration LIFETIME = Duration.ofHours(24);

    private final AccessTokenRepository tokens;
    private final ClientRepository clients;
    private final AuthFailures failures;
    private final Clock clock;

    public AccessTokens(AccessTokenRepository tokens, ClientRepository clients, AuthFailures failures, Clock clock) {
        this.tokens = tokens;
        this.clients = clients;
        this.failures = failures;
        this.clock = clock;
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }

    /**
     * Issues a token for the client whose appId and appSecret these are; empty when they do not match an
     * active client. The client must be permitted on exactly one tenant, which the token then implies. A wrong pair
     * spends one of the address's failed authentications; past them, 429.
     */
    public Optional<IssuedToken> issue(String appId, String appSecret, String address) {
        if (appId == null || appSecret == null) {
            return Optional.empty();
        }
        AuthFailures.Attempt attempt = failures.begin(address);
        Optional<ClientRepository.ClientWithSecret> found = clients.findActiveByAppId(appId);
        String presented = Secrets.sha256(appSecret);
        // hashes compared even when no client matched, so timing does not tell which appIds exist
        boolean matches = Secrets.sameHash(presented, found.map(ClientRepository.ClientWithSecret::appSecretHash)
                .orElse(Secrets.sha256("")));
        boolean previousMatches = Secrets.sameHash(presented, found
                .filter(f -> f.previousAppSecretHash() != null && f.previousValidUntil().isAfter(clock.instant()))
                .map(ClientRepository.ClientWithSecret::previousAppSecretHash).orElse(Secrets.sha256("")));
        matches |= previousMatches;
        if (found.isEmpty() || !matches) {
            failures.throttled(attempt).ifPresent(tooMany -> {
                throw tooMany;
            });
            return Optional.empty();
        }
        failures.succeeded(attempt);
        Client client = found.get().client();
        if (client.tenants().size() != 1) {
            throw ApiException.badRequest("a token is issued only to a client permitted on exactly one tenant; this one has "
                    + client.tenants().size());
        }
        String token = Secrets.newToken("wct_");
        Instant expiresAt = clock.instant().plus(LIFETIME);
        tokens.deleteExpired(clock.instant());
        tokens.insert(Secrets.sha256(token), new AccessTokenRepository.Token(client.id(), client.tenants().iterator().next(),
                expiresAt));
        return Optional.of(new IssuedToken(token, expiresAt));
    }

    /** The principal a live token stands for, until the token expires. */
    Optional<Authenticated> resolve(String tokenHash) {
        return tokens.find(tokenHash)
                .filter(row -> row.expiresAt().isAfter(clock.instant()))
                .flatMap(row -> clients.findActiveById(row.clientId())
                        .map(client -> new Authenticated(new ClientPrincipal(client.id(), client.name(), client.tenants(),
                                client.scopes(), Optional.of(row.tenantId())), row.expiresAt(), true)));
    }

}
