package io.callvault.tenancy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.callvault.server.OwnerOnly;

/** A server key kept out of the database: a setting (the same on every node) or a 0600 file made on first start. */
final class KeyFile {

    static final int MIN_KEY_LENGTH = 32;

    private KeyFile() {
    }

    /** The setting's value when set, else the file's (made with a new random key when missing). */
    static byte[] read(String configured, String setting, Path file) throws IOException {
        if (!configured.isBlank()) {
            return checked(configured, setting);
        }
        if (!Files.exists(file)) {
            write(file, Secrets.newToken(""));
        }
        return checked(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
    }

    static void write(Path file, String key) throws IOException {
        OwnerOnly.folders(file.getParent());
        OwnerOnly.newFile(file);
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
    }

    static byte[] checked(String key, String source) {
        if (key.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("the key in " + source + " is shorter than " + MIN_KEY_LENGTH
                    + " characters: use a long random value, e.g. `openssl rand -base64 32`");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
