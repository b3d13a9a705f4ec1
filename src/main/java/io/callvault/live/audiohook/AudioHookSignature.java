package io.callvault.live.audiohook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Verifies an AudioHook connection's HTTP message signature (RFC 9421) as AudioHook specifies it: HMAC-SHA256 with
 * the client secret, {@code keyid} the API key, a signature covering {@code @request-target}, {@code @authority}
 * and the four AudioHook headers, with {@code nonce}, {@code created} and {@code expires}. A signature created in
 * the future or expired (3 s of clock skew allowed either way), or whose nonce was seen before, is refused.
 */
final class AudioHookSignature {

    static final List<String> REQUIRED = List.of("@request-target", "@authority", "audiohook-organization-id",
            "audiohook-session-id", "audiohook-correlation-id", "x-api-key");
    private static final long SKEW_SECONDS = 3;
    /** The longest lifetime a signature may claim: its nonce is remembered that long. */
    private static final long LONGEST_LIFETIME_SECONDS = 300;

    private final Cache<String, Boolean> seenNonces = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(LONGEST_LIFETIME_SECONDS + 2 * SKEW_SECONDS)).maximumSize(1_000_000)
            .build();

    /** Empty when the request is signed with this secret; else why it is not (for the 401's message). */
    Optional<String> verify(HttpServletRequest request, String apiKey, byte[] secret, Instant now) {
        Map<String, StructuredFields.Member> inputs;
        Map<String, StructuredFields.Member> signatures;
        try {
            inputs = StructuredFields.dictionary(joined(request, "signature-input"));
            signatures = StructuredFields.dictionary(joined(request, "signature"));
        } catch (IllegalArgumentException e) {
            return Optional.of("the Signature or Signature-Input header is malformed");
        }
        if (inputs.isEmpty() || signatures.isEmpty()) {
            return Optional.of("the connection is not signed (this client has an AudioHook client secret)");
        }
        String label = inputs.keySet().iterator().next();
        StructuredFields.Member input = inputs.get(label);
        StructuredFields.Member signature = signatures.get(label);
        if (!input.isInnerList() || signature == null || signature.isInnerList()
                || !(signature.item().value() instanceof byte[] claimed)) {
            return Optional.of("the signature '" + label + "' is malformed");
        }
        Map<String, Object> parameters = input.parameters();
        if (!(parameters.get("keyid") instanceof String keyId) || !MessageDigest.isEqual(
                keyId.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("the signature's keyid is not the X-API-KEY");
        }
        Object alg = parameters.get("alg");
        if (alg != null && !"hmac-sha256".equals(alg)) {
            return Optional.of("the signature's alg is not hmac-sha256");
        }
        if (!(parameters.get("created") instanceof Long created) || !(parameters.get("expires") instanceof Long expires)
                || !(parameters.get("nonce") instanceof String nonce) || nonce.isEmpty()) {
            return Optional.of("the signature needs created, expires and nonce");
        }
        long seconds = now.getEpochSecond();
        if (created > seconds + SKEW_SECONDS) {
            return Optional.of("the signature was created in the future");
        }
        if (expires < seconds - SKEW_SECONDS || expires - created > LONGEST_LIFETIME_SECONDS) {
            return Optional.of("the signature has expired");
        }
        List<String> lines = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (StructuredFields.Item component : input.items()) {
            if (!(component.value() instanceof String name) || !component.parameters().isEmpty() || !covered.add(name)) {
                return Optional.of("the signature covers a component this server does not take");
            }
            Optional<String> value = value(request, name);
            if (value.isEmpty()) {
                return Optional.of("the signature covers '" + name + "', which the request lacks");
            }
            lines.add(StructuredFields.item(component) + ": " + value.get());
        }
        if (!covered.containsAll(REQUIRED)) {
            return Optional.of("the signature must cover " + String.join(", ", REQUIRED));
        }
        lines.add("\"@signature-params\": " + StructuredFields.innerList(input.items(), parameters));
        byte[] expected = hmac(secret, String.join("\n", lines));
        if (!MessageDigest.isEqual(expected, claimed)) {
            return Optional.of("the signature does not match");
        }
        if (seenNonces.asMap().putIfAbsent(nonce, Boolean.TRUE) != null) {
            return Optional.of("the signature's nonce was used before");
        }
        return Optional.empty();
    }

    private static Optional<String> value(HttpServletRequest request, String component) {
        String query = request.getQueryString();
        return switch (component) {
            case "@request-target" -> Optional.of(request.getRequestURI() + (query == null ? "" : "?" + query));
            case "@path" -> Optional.of(request.getRequestURI());
            case "@query" -> Optional.of("?" + (query == null ? "" : query));
            case "@method" -> Optional.of(request.getMethod());
            case "@authority" -> Optional.ofNullable(request.getHeader("Host")).map(host -> host.toLowerCase(Locale.ROOT));
            default -> component.startsWith("@") ? Optional.empty()
                    : Optional.ofNullable(headerValue(request, component));
        };
    }

    /** A header's field value as RFC 9421 2.1 canonicalizes it: each line trimmed, several joined by ", ". */
    private static String headerValue(HttpServletRequest request, String name) {
        List<String> values = Collections.list(request.getHeaders(name));
        if (values.isEmpty()) {
            return null;
        }
        return String.join(", ", values.stream().map(v -> v.strip().replaceAll("[ \\t]*\\r\\n[ \\t]+", " ")).toList());
    }

    private static String joined(HttpServletRequest request, String name) {
        String value = headerValue(request, name);
        return value == null ? "" : value;
    }

    private static byte[] hmac(byte[] secret, String base) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(base.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
