package io.callvault.live.audiohook;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of RFC 8941 (Structured Field Values) that HTTP message signatures use: a Dictionary whose members are
 * Items or Inner Lists, with Parameters; bare items are strings, tokens, integers, decimals, booleans and byte
 * sequences. Parsing is strict: anything else is an {@link IllegalArgumentException}. Serialization is the
 * canonical form RFC 8941 section 4.1 defines, which is what a signature base is made of.
 */
final class StructuredFields {

    /** A bare item: String (for strings and tokens alike, tokens kept as {@link Token}), Long, Double, Boolean, byte[]. */
    record Token(String value) {
    }

    record Item(Object value, Map<String, Object> parameters) {
    }

    /** A dictionary member: an item, or an inner list (items non-null) with its parameters. */
    record Member(Item item, List<Item> items, Map<String, Object> parameters) {

        boolean isInnerList() {
            return items != null;
        }
    }

    private final String input;
    private int at;

    private StructuredFields(String input) {
        this.input = input;
    }

    static Map<String, Member> dictionary(String field) {
        StructuredFields parser = new StructuredFields(field);
        Map<String, Member> members = new LinkedHashMap<>();
        parser.spaces();
        while (!parser.done()) {
            String key = parser.key();
            Member member;
            if (parser.peek() == '=') {
                parser.at++;
                member = parser.member();
            } else {
                Map<String, Object> parameters = parser.parameters();
                member = new Member(new Item(Boolean.TRUE, parameters), null, parameters);
            }
            members.put(key, member);
            parser.ows();
            if (parser.done()) {
                break;
            }
            parser.expect(',');
            parser.ows();
            if (parser.done()) {
                throw new IllegalArgumentException("a trailing comma");
            }
        }
        return members;
    }

    private Member member() {
        if (peek() == '(') {
            at++;
            List<Item> items = new ArrayList<>();
            while (true) {
                spaces();
                if (peek() == ')') {
                    at++;
                    Map<String, Object> parameters = parameters();
                    return new Member(null, items, parameters);
                }
                Object value = bareItem();
                items.add(new Item(value, parameters()));
                char next = peek();
                if (next != ' ' && next != ')') {
                    throw new IllegalArgumentException("an inner list's items are separated by spaces");
                }
            }
        }
        Object value = bareItem();
        Map<String, Object> parameters = parameters();
        return new Member(new Item(value, parameters), null, parameters);
    }

    private Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        while (peek() == ';') {
            at++;
            spaces();
            String key = key();
            Object value = Boolean.TRUE;
            if (peek() == '=') {
                at++;
                value = bareItem();
            }
            parameters.put(key, value);
        }
        return parameters;
    }

    private Object bareItem() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == ':') {
            int end = input.indexOf(':', at + 1);
            if (end < 0) {
                throw new IllegalArgumentException("an unterminated byte sequence");
            }
            String base64 = input.substring(at + 1, end);
            at = end + 1;
            return Base64.getDecoder().decode(base64);
        }
        if (c == '?') {
            at++;
            char b = next();
            if (b != '0' && b != '1') {
                throw new IllegalArgumentException("a boolean is ?0 or ?1");
            }
            return b == '1';
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (Character.isLetter(c) || c == '*') {
            int start = at;
            while (!done() && (Character.isLetterOrDigit(peek()) || ":/!#$%&'*+-.^_`|~".indexOf(peek()) >= 0)) {
                at++;
            }
            return new Token(input.substring(start, at));
        }
        throw new IllegalArgumentException("not a structured field value at " + at);
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '\\') {
                char escaped = next();
                if (escaped != '"' && escaped != '\\') {
                    throw new IllegalArgumentException("a bad escape in a string");
                }
                out.append(escaped);
            } else if (c == '"') {
                return out.toString();
            } else if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("a string holds only printable ASCII");
            } else {
                out.append(c);
            }
        }
    }

    private Object number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        while (!done() && (Character.isDigit(peek()) || peek() == '.')) {
            at++;
        }
        String text = input.substring(start, at);
        if (text.contains(".")) {
            return Double.parseDouble(text);
        }
        if (text.length() > 16) {
            throw new IllegalArgumentException("an integer longer than 15 digits");
        }
        return Long.parseLong(text);
    }

    private String key() {
        int start = at;
        char first = peek();
        if (!(first >= 'a' && first <= 'z') && first != '*') {
            throw new IllegalArgumentException("a key starts with a lowercase letter or *");
        }
        while (!done() && ((peek() >= 'a' && peek() <= 'z') || Character.isDigit(peek()) || "_-.*".indexOf(peek()) >= 0)) {
            at++;
        }
        return input.substring(start, at);
    }

    private void spaces() {
        while (!done() && peek() == ' ') {
            at++;
        }
    }

    private void ows() {
        while (!done() && (peek() == ' ' || peek() == '\t')) {
            at++;
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + (at - 1));
        }
    }

    private char peek() {
        return done() ? '\0' : input.charAt(at);
    }

    private char next() {
        if (done()) {
            throw new IllegalArgumentException("the field ends too soon");
        }
        return input.charAt(at++);
    }

    private boolean done() {
        return at >= input.length();
    }

    // Serialization (RFC 8941 section 4.1).

    static String innerList(List<Item> items, Map<String, Object> parameters) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(bare(items.get(i).value())).append(parameters(items.get(i).parameters()));
        }
        return out.append(')').append(parameters(parameters)).toString();
    }

    static String item(Item item) {
        return bare(item.value()) + parameters(item.parameters());
    }

    private static String parameters(Map<String, Object> parameters) {
        StringBuilder out = new StringBuilder();
        parameters.forEach((key, value) -> {
            out.append(';').append(key);
            if (!Boolean.TRUE.equals(value)) {
                out.append('=').append(bare(value));
            }
        });
        return out.toString();
    }

    private static String bare(Object value) {
        if (value instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (value instanceof Token t) {
            return t.value();
        }
        if (value instanceof Boolean b) {
            return b ? "?1" : "?0";
        }
        if (value instanceof byte[] bytes) {
            return ':' + Base64.getEncoder().encodeToString(bytes) + ':';
        }
        return String.valueOf(value);
    }
}
