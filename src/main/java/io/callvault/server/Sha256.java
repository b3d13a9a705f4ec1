package io.callvault.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the archive's one content hash (recordings, ETags, credentials): made and written one way. */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Copies the stream to {@code out} and answers the SHA-256 of what passed, in hex. */
    public static String copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = digest();
        new DigestInputStream(in, digest).transferTo(out);
        return hex(digest);
    }
}
