package io.callvault.tenancy;

import java.util.Base64;
import java.util.Optional;

import io.callvault.web.ApiException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A client's AudioHook client secret (contract 6.2): set by the admin, kept sealed in the clients table, opened
 * only to verify an AudioHook connection's signature.
 */
@Component
public class AudioHookSecrets {

    private final ClientRepository clients;
    private final SecretBox box;
    private final AdminLog log;

    AudioHookSecrets(ClientRepository clients, SecretBox box, AdminLog log) {
        this.clients = clients;
        this.box = box;
        this.log = log;
    }

    /** Sets (or with null, removes) the client's secret, given base64 as Genesys shows it. */
    @Transactional
    public void set(Admin admin, String clientId, String base64Secret) {
        String sealed = null;
        if (base64Secret != null) {
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(base64Secret);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("clientSecret is not base64");
            }
            if (secret.length < 16 || secret.length > 256) {
                throw ApiException.badRequest("clientSecret must decode to 16-256 bytes");
            }
            sealed = box.seal(secret);
        }
        if (!clients.setAudioHookSecret(clientId, sealed)) {
            throw ApiException.notFound("client '" + clientId + "' not found or revoked");
        }
        log.record(admin, base64Secret == null ? "client.audiohook.remove" : "client.audiohook.set", clientId, null);
    }

    /** The client's secret when one is set: then every AudioHook connection of the client must be signed with it. */
    public Optional<byte[]> of(String clientId) {
        return clients.audioHookSecret(clientId).map(box::open);
    }
}
