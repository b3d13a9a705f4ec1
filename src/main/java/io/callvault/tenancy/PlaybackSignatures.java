package io.callvault.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
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

    private final PlaybackKeys keys;
    private final ClientRepository clients;
    private final Clock clock;

    public PlaybackSignatures(PlaybackKeys keys, ClientRepository clients, Clock clock) {
        this.keys = keys;
        this.clients = clients;
        this.clock = clock;
    }

    public String sign(String tenantId, String recordingId, long expiresEpochSecond, String clientId) {
        return HexFormat.of().formatHex(mac(keys.signing(), message(tenantId, recordingId, expiresEpochSecond, clientId)));
    }

    private static String message(String tenantId, String recordingId, long expiresEpochSecond, String clientId) {
        return tenantId + "\n" + recordingId + "\n" + expiresEpochSecond + "\n" + clientId;
    }

    /**
     * The signing client, when the signature is genuine (by the current or a still-valid previous key), unexpired,
     * expiring no later than the longest TTL from now (no key holder can make a URL that lives longer), and the
     * client still active and permitted.
     */
    Optional<ClientPrincipal> verify(String tenantId, String recordingId, String expires, String clientId, String sig) {
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long now = clock.instant().getEpochSecond();
        if (clientId == null || sig == null || expiresAt < now || expiresAt > now + PlaybackKeys.LONGEST_TTL.toSeconds()) {
            return Optional.empty();
        }
        String message = message(tenantId, recordingId, expiresAt, clientId);
        String presented = sig.toLowerCase(java.util.Locale.ROOT);
        boolean genuine = false;
        for (byte[] key : keys.verifying()) {
            genuine |= Secrets.sameHash(HexFormat.of().formatHex(mac(key, message)), presented);
        }
        if (!genuine) {
            return Optional.empty();
        }
        return clients.findActiveById(clientId).map(Client::principal).filter(p -> p.permits(tenantId));
    }

    private static byte[] mac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
