package io.callvault.storage;

import java.util.UUID;

/**
 * Keys of stored audio: {@code ab/cd/<uuid>.<ext>}, made from the server's recording UUID only, never from client
 * input, so no request can name a path or an object of its choosing.
 */
public final class StorageKey {

    private StorageKey() {
    }

    public static String of(UUID id, String extension) {
        String s = id.toString();
        return s.substring(0, 2) + "/" + s.substring(2, 4) + "/" + s + "." + extension;
    }

    /**
     * {@code [a-z0-9]{2}/[a-z0-9]{2}/[a-z0-9-]{1,64}\.[a-z0-9]{1,8}}, checked by hand: it is asked on every audio
     * request, where the regular expression's backtracking cost about 2% of a range's CPU.
     */
    public static boolean isValid(String key) {
        if (key == null || key.length() < 9 || key.charAt(2) != '/' || key.charAt(5) != '/') {
            return false;
        }
        int dot = key.lastIndexOf('.');
        int name = dot - 6;
        int extension = key.length() - dot - 1;
        return name >= 1 && name <= 64 && extension >= 1 && extension <= 8 && all(key, 0, 2, false)
                && all(key, 3, 5, false) && all(key, 6, dot, true) && all(key, dot + 1, key.length(), false);
    }

    private static boolean all(String key, int from, int to, boolean dash) {
        for (int i = from; i < to; i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || dash && c == '-')) {
                return false;
            }
        }
        return true;
    }

    static String require(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return key;
    }
}
