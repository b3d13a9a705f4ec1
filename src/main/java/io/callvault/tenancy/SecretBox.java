package io.callvault.tenancy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.callvault.server.CallVaultProperties;
import io.callvault.server.Sha256;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets CallVault must be able to use again (an AudioHook client secret verifies signatures, so it
 * cannot be hashed), so that the database alone does not reveal them. AES-256-GCM under a key from
 * {@code CALLVAULT_SECRETS_KEY} (every node of a deployment sets the same) or {@code <data>/secrets-key} (0600,
 * made on first start). A box is base64 of nonce and ciphertext.
 */
@Component
public class SecretBox {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private final SecretKeySpec key;

    public SecretBox(CallVaultProperties properties, @Value("${callvault.secrets-key:}") String configured)
            throws IOException {
        byte[] material = KeyFile.read(configured, "CALLVAULT_SECRETS_KEY", properties.dataDir().resolve("secrets-key"));
        var digest = Sha256.digest();
        digest.update("callvault secrets v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        this.key = new SecretKeySpec(digest.digest(material), "AES");
    }

    String seal(byte[] secret) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The secret; fails when the box was sealed under another key (CALLVAULT_SECRETS_KEY changed). */
    byte[] open(String box) {
        try {
            byte[] all = Base64.getDecoder().decode(box);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE));
            return cipher.doFinal(all, NONCE, all.length - NONCE);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret cannot be opened with this server's secrets key", e);
        }
    }
}
