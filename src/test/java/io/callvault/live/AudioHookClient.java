package io.callvault.live;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.callvault.support.Api;
import io.callvault.support.LiveClient;

import tools.jackson.databind.JsonNode;

/**
 * A client speaking AudioHook v2 as Genesys Cloud does: its connection headers, signed (RFC 9421, as Genesys's
 * reference client signs) when it has a client secret, and messages numbered and positioned as the protocol says.
 */
final class AudioHookClient implements AutoCloseable {

    static final String PATH = "/v1/live/audiohook";
    static final String ORGANIZATION = "d7934305-0972-4844-938e-9060eef73d05";

    final String sessionId;
    final LiveClient socket;
    private long seq;
    private long serverseq;
    /** Milliseconds of audio sent, and of gaps announced. */
    long positionMs;

    static AudioHookClient connect(int port, String apiKey) {
        return connect(port, apiKey, null);
    }

    static AudioHookClient connect(int port, String apiKey, byte[] secret) {
        String sessionId = UUID.randomUUID().toString();
        return new AudioHookClient(LiveClient.connect(port, PATH, headers(port, apiKey, secret, sessionId,
                System.currentTimeMillis() / 1000, nonce())), sessionId);
    }

    private AudioHookClient(LiveClient socket, String sessionId) {
        this.socket = socket;
        this.sessionId = sessionId;
    }

    String id() {
        return sessionId;
    }

    /** The connection headers of Genesys's client: organization, session, correlation, key, and a signature. */
    static String[] headers(int port, String apiKey, byte[] secret, String sessionId, long created, String nonce) {
        String correlation = UUID.randomUUID().toString();
        List<String> headers = new ArrayList<>(List.of("Audiohook-Organization-Id", ORGANIZATION,
                "Audiohook-Session-Id", sessionId, "Audiohook-Correlation-Id", correlation, "X-API-KEY", apiKey));
        if (secret != null) {
            String params = "(\"@request-target\" \"@authority\" \"audiohook-organization-id\" \"audiohook-session-id\""
                    + " \"audiohook-correlation-id\" \"x-api-key\");keyid=\"" + apiKey + "\";nonce=\"" + nonce
                    + "\";alg=\"hmac-sha256\";created=" + created + ";expires=" + (created + 30);
            String base = "\"@request-target\": " + PATH + "\n"
                    + "\"@authority\": 127.0.0.1:" + port + "\n"
                    + "\"audiohook-organization-id\": " + ORGANIZATION + "\n"
                    + "\"audiohook-session-id\": " + sessionId + "\n"
                    + "\"audiohook-correlation-id\": " + correlation + "\n"
                    + "\"x-api-key\": " + apiKey + "\n"
                    + "\"@signature-params\": " + params;
            headers.addAll(List.of("Signature-Input", "sig1=" + params, "Signature",
                    "sig1=:" + Base64.getEncoder().encodeToString(hmac(secret, base)) + ":"));
        }
        return headers.toArray(String[]::new);
    }

    static String nonce() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Sends a client message with the next seq, the last serverseq seen and the current position. */
    void send(String type, String parameters) {
        socket.text("{\"version\":\"2\",\"id\":\"" + id() + "\",\"type\":\"" + type + "\",\"seq\":" + (++seq)
                + ",\"serverseq\":" + serverseq + ",\"position\":\"" + duration(positionMs) + "\",\"parameters\":"
                + parameters + "}");
    }

    void sendRaw(String text) {
        socket.text(text);
    }

    /** A raw message sent took the next seq. */
    void counted() {
        seq++;
    }

    void audio(byte[] frame, int bytesPerMs) {
        socket.binary(frame);
        positionMs += frame.length / bytesPerMs;
    }

    /** The server's next message, its seq and clientseq checked. */
    JsonNode receive() {
        JsonNode message = Api.JSON.readTree(socket.nextText());
        serverseq = message.get("seq").asLong();
        return message;
    }

    long seq() {
        return seq;
    }

    void open(String conversationId, String media) {
        send("open", "{\"organizationId\":\"" + ORGANIZATION + "\",\"conversationId\":\"" + conversationId
                + "\",\"participant\":{\"id\":\"" + UUID.randomUUID() + "\",\"ani\":\"+13178723000\","
                + "\"aniName\":\"\",\"dnis\":\"+13178722000\"},\"media\":" + media + ",\"language\":\"en-US\"}");
    }

    static String duration(long millis) {
        return "PT" + java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "S";
    }

    @Override
    public void close() {
        socket.close();
    }
}
