package io.callvault.catalog;

/**
 * Phone numbers as people type them: {@code +1 555-123-4567}, {@code (555) 123 4567} and {@code 15551234567} are
 * compared by their digits alone.
 */
public final class PhoneNumber {

    private PhoneNumber() {
    }

    /** The digits of the number, in order; null for null. */
    public static String digits(String number) {
        if (number == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    /**
     * The first string after every string that starts with these digits, for an index range
     * {@code >= prefix and < next}; null when there is none (all nines).
     */
    static String nextPrefix(String digits) {
        char[] chars = digits.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            if (chars[i] < '9') {
                chars[i]++;
                return new String(chars, 0, i + 1);
            }
        }
        return null;
    }
}
