package io.callvault.storage;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Keys of stored audio: {@code ab/cd/<uuid>.<ext>}, made from the server's recording UUID only, never from client
 * input, so no request can name a path or an object of its choosing.
 */
public final class StorageKey {

    private static final Pattern VALID = Pattern.compile("[a-z0-9]{2}/[a-z0-9]{2}/[a-z0-9-]{1,64}\\.[a-z0-9]{1,8}");

    private StorageKey() {
    }

    public static String of(UUID id, String extension) {
        String s = id.toString();
        return s.substring(0, 2) + "/" + s.substring(2, 4) + "/" + s + "." + extension;
    }

    public static boolean isValid(String key) {
        return key != null && VALID.matcher(key).matches();
    }

    static String require(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return key;
    }
}
