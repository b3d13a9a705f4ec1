package io.callvault.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import io.callvault.server.Sha256;

/**
 * Random credentials and their hashes. Credentials are 256-bit random values, so a plain SHA-256 is a safe
 * one-way hash for them (a slow password hash would only slow every request) and it lets a presented key be
 * found by its hash.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String newToken(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String value) {
        MessageDigest digest = Sha256.digest();
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(digest);
    }

    /** Constant-time comparison of two hex hashes. */
    public static boolean sameHash(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
