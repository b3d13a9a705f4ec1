package io.callvault.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client over the JDK's, speaking to the server under test exactly as any client would. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String adminToken;

    public Api(int port, String adminToken) {
        this.port = port;
        this.adminToken = adminToken;
    }

    public record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    public record Credentials(String clientId, String apiKey, String appId, String appSecret, String sourceUuid) {
        public String bearer() {
            return "Bearer " + apiKey;
        }
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public Response send(String method, String path, byte[] body, String... headers) {
        return exchange(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)),
                headers);
    }

    /** PUT of a body of unknown length (chunked transfer encoding). */
    public Response putChunked(String path, byte[] body, String... headers) {
        return exchange(HttpRequest.newBuilder(URI.create(base() + path))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))), headers);
    }

    private Response exchange(HttpRequest.Builder request, String... headers) {
        request.timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends only the head of a request that announces {@code contentLength} bytes of body, none of which is sent, and
     * returns what the server answers to the head alone: how a server refuses a body it will not take, without the race
     * of a client still sending when the server closes the connection. (Over a raw socket: the JDK 17 HttpClient waits
     * forever when the answer to an {@code Expect: 100-continue} request is not 100.)
     */
    public Response announce(String method, String path, long contentLength, String... headers) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (!java.util.Arrays.asList(headers).contains("Host")) {
                head.append("Host: 127.0.0.1\r\n");
            }
            for (int i = 0; i < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            head.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            int status = Integer.parseInt(line(in).split(" ")[1]);
            java.util.Map<String, List<String>> fields = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String field = line(in); !field.isEmpty(); field = line(in)) {
                int colon = field.indexOf(':');
                fields.computeIfAbsent(field.substring(0, colon).trim(), k -> new java.util.ArrayList<>())
                        .add(field.substring(colon + 1).trim());
            }
            java.net.http.HttpHeaders received = java.net.http.HttpHeaders.of(fields, (k, v) -> true);
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            if (received.firstValue("Transfer-Encoding").filter("chunked"::equalsIgnoreCase).isPresent()) {
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
            } else if (status >= 200) {
                body.write(in.readNBytes((int) received.firstValueAsLong("Content-Length").orElse(0)));
            }
            return new Response(status, received, body.toByteArray());
        }
    }

    private static String line(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("the connection closed in the middle of a line: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response json(String method, String path, String json, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/json";
        return send(method, path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), all);
    }

    public Response admin(String method, String path, String json) {
        return json(method, path, json, "Authorization", "Bearer " + adminToken);
    }

    /** A new tenant with a unique id that starts with {@code prefix}. */
    public String tenant(String prefix, String timeZone) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Response r = admin("POST", "/v1/admin/tenants", "{\"id\":\"" + id + "\",\"name\":\"" + prefix + "\""
                + (timeZone == null ? "" : ",\"timeZone\":\"" + timeZone + "\"") + "}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return id;
    }

    public String tenant(String prefix) {
        return tenant(prefix, null);
    }

    public Credentials client(List<String> tenants, String... scopes) {
        String json = "{\"name\":\"test client\",\"tenants\":" + JSON.writeValueAsString(tenants) + ",\"scopes\":"
                + JSON.writeValueAsString(List.of(scopes)) + "}";
        Response r = admin("POST", "/v1/admin/clients", json);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode n = r.json();
        return new Credentials(n.get("clientId").asString(), n.get("apiKey").asString(), n.get("appId").asString(),
                n.get("appSecret").asString(), n.get("sourceUuid").asString());
    }

    public Credentials readWriteClient(String tenant) {
        return client(List.of(tenant), "read", "ingest");
    }

    /** A client with every scope: read, ingest, delete and hold. */
    public Credentials custodian(String tenant) {
        return client(List.of(tenant), "read", "ingest", "delete", "hold");
    }

    public Response putRecording(Credentials c, String tenant, String callId, int recordId, byte[] audio, String query) {
        String path = "/v1/tenants/" + tenant + "/calls/" + callId + "/recordings/" + recordId + (query == null ? "" : "?" + query);
        return send("PUT", path, audio, "Authorization", c.bearer(), "Content-Type", "application/octet-stream");
    }

    /** Uploads and asserts 201; returns the recording JSON. */
    public JsonNode upload(Credentials c, String tenant, String callId, int recordId, byte[] audio) {
        Response r = putRecording(c, tenant, callId, recordId, audio, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }
}
