package io.callvault.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The hand-written key check says what the grammar's regular expression says, on made keys and on near misses. */
class StorageKeyTest {

    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9]{2}/[a-z0-9]{2}/[a-z0-9-]{1,64}\\.[a-z0-9]{1,8}");
    private static final String ALPHABET = "ab09-./Z_\\ ";

    @Test
    void agreesWithTheGrammar() {
        Random random = new Random(20261205L);
        for (int i = 0; i < 1000; i++) {
            String key = StorageKey.of(new UUID(random.nextLong(), random.nextLong()), i % 2 == 0 ? "wav" : "mp3");
            assertThat(StorageKey.isValid(key)).as(key).isTrue();
            // the same key with one character changed, added or taken away
            StringBuilder near = new StringBuilder(key);
            int at = random.nextInt(near.length());
            switch (random.nextInt(3)) {
                case 0 -> near.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> near.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> near.deleteCharAt(at);
            }
            assertThat(StorageKey.isValid(near.toString())).as(near.toString()).isEqualTo(GRAMMAR.matcher(near).matches());
        }
        for (int i = 0; i < 20000; i++) {
            StringBuilder any = new StringBuilder();
            int length = random.nextInt(20);
            for (int c = 0; c < length; c++) {
                any.append(c == 2 || c == 5 ? '/' : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertThat(StorageKey.isValid(any.toString())).as(any.toString()).isEqualTo(GRAMMAR.matcher(any).matches());
        }
        String longest = "ab/cd/" + "a".repeat(64) + "." + "b".repeat(8);
        assertThat(StorageKey.isValid(longest)).isTrue();
        assertThat(StorageKey.isValid("ab/cd/" + "a".repeat(65) + ".wav")).isFalse();
        assertThat(StorageKey.isValid("ab/cd/a." + "b".repeat(9))).isFalse();
        assertThat(StorageKey.isValid("../cd/a.wav")).isFalse();
        assertThat(StorageKey.isValid(null)).isFalse();
    }
}
