package io.callvault.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 signatures of playback URLs: over tenant, recording, expiry and the signing client, so a
 * browser can fetch the audio without an Authorization header. The client must still be active when the
 * URL is used: revoking it kills its URLs too.
 */
@Component
public class PlaybackSignatures {

    private final ServerSecrets secrets;
    private final ClientRepository clients;
    private final Clock clock;

    public PlaybackSignatures(ServerSecrets secrets, ClientRepository clients, Clock clock) {
        this.secrets = secrets;
        this.clients = clients;
        this.clock = clock;
    }

    public String sign(String tenantId, String recordingId, long expiresEpochSecond, String clientId) {
        return HexFormat.of().formatHex(mac(tenantId + "\n" + recordingId + "\n" + expiresEpochSecond + "\n" + clientId));
    }

    /** The signing client, when the signature is genuine, unexpired and the client still active and permitted. */
    Optional<ClientPrincipal> verify(String tenantId, String recordingId, String expires, String clientId, String sig) {
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (clientId == null || sig == null || Instant.ofEpochSecond(Math.min(expiresAt, Instant.MAX.getEpochSecond()))
                .isBefore(clock.instant())) {
            return Optional.empty();
        }
        String expected = sign(tenantId, recordingId, expiresAt, clientId);
        if (!Secrets.sameHash(expected, sig.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.empty();
        }
        return clients.findActiveById(clientId).map(Client::principal).filter(p -> p.permits(tenantId));
    }

    private byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.get("playback-url-hmac").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
