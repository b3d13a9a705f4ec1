package io.callvault.delivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one Range header parser (RFC 9110 §14). {@link #parse} answers what to send for a body of {@code size} bytes:
 * the whole body (no range, another unit, or several ranges, which the contract lets us answer with 200),
 * one satisfiable range, or unsatisfiable (416: beyond the end, or a malformed byte range).
 */
public record ByteRange(long start, long end) {

    private static final Pattern FROM = Pattern.compile("(\\d+)-(\\d*)");
    private static final Pattern SUFFIX = Pattern.compile("-(\\d+)");

    public sealed interface Decision permits Whole, Partial, Unsatisfiable {
    }

    public record Whole() implements Decision {
    }

    public record Partial(ByteRange range) implements Decision {
    }

    public record Unsatisfiable() implements Decision {
    }

    public long length() {
        return end - start + 1;
    }

    public static Decision parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String specs = value.substring(6).strip();
        if (specs.contains(",")) {
            return new Whole();
        }
        Matcher from = FROM.matcher(specs);
        if (from.matches()) {
            long first = number(from.group(1));
            if (first >= size) {
                return new Unsatisfiable();
            }
            if (from.group(2).isEmpty()) {
                return new Partial(new ByteRange(first, size - 1));
            }
            long last = number(from.group(2));
            if (last < first) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(first, Math.min(last, size - 1)));
        }
        Matcher suffix = SUFFIX.matcher(specs);
        if (suffix.matches()) {
            long n = number(suffix.group(1));
            if (n == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(Math.max(0, size - n), size - 1));
        }
        return new Unsatisfiable();
    }

    /** Digits too many for a long are a position past any body, not an error of ours. */
    private static long number(String digits) {
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
