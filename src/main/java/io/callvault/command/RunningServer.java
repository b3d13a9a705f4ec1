package io.callvault.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A CallVault server running on a data folder, found by the port file it keeps there while it serves
 * ({@code <data>/server.port}, 0600), and asked with the admin token (from {@code CALLVAULT_ADMIN_TOKEN} or the
 * folder's {@code admin-token}) to run a command for the command line.
 */
final class RunningServer {

    static final String PORT_FILE = "server.port";

    private final int port;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningServer(int port, String adminToken) {
        this.port = port;
        this.adminToken = adminToken;
    }

    /** The server serving this data folder now, if one answers on the port it wrote there. */
    static Optional<RunningServer> on(Path dataDir) throws IOException {
        Path portFile = dataDir.resolve(PORT_FILE);
        if (!Files.exists(portFile)) {
            return Optional.empty();
        }
        int port;
        try {
            port = Integer.parseInt(Files.readString(portFile).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String token = System.getenv("CALLVAULT_ADMIN_TOKEN");
        if ((token == null || token.isBlank()) && Files.exists(dataDir.resolve("admin-token"))) {
            token = Files.readString(dataDir.resolve("admin-token")).strip();
        }
        RunningServer server = new RunningServer(port, token);
        return server.answers() ? Optional.of(server) : Optional.empty();
    }

    private boolean answers() {
        try {
            return http.send(HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // a port file left by a server that was killed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the command on the server, printing its progress lines; the server's exit code, or 1 if it could not. */
    int run(JarCommand command, Consumer<String> out) throws IOException {
        String path = command.kind() == JarCommand.Kind.FSCK
                ? "/v1/admin/commands/fsck?repair=" + command.repair() + tenant(command)
                : "/v1/admin/commands/storage-migrate?to=" + encode(command.target()) + tenant(command);
        HttpRequest request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + (adminToken == null ? "" : adminToken)).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                out.accept("the server refused the command (" + response.statusCode() + "): " + lines.readLine());
                return 1;
            }
            int exit = 1;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("exit ")) {
                    exit = Integer.parseInt(line.substring(5).strip());
                } else {
                    out.accept(line);
                }
            }
            return exit;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String tenant(JarCommand command) {
        return command.tenant() == null ? "" : "&tenant=" + encode(command.tenant());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
