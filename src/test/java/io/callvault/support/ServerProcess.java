package io.callvault.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CallVault in a JVM of its own (the built classes and the runtime classpath), for tests that need a real heap
 * limit or a real SIGKILL. Embedded default: H2 and the filesystem store under {@code dataDir}.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static ServerProcess start(Path dataDir, String adminToken, List<String> jvmOptions, Map<String, String> env)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath(), "io.callvault.CallVaultApplication"));
        Files.createDirectories(dataDir);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("CALLVAULT_DATA_DIR", dataDir.toString());
        builder.environment().put("CALLVAULT_ADMIN_TOKEN", adminToken);
        builder.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "");
        builder.environment().remove("SPRING_DATASOURCE_URL");
        builder.environment().putAll(env);
        ServerProcess server = new ServerProcess(builder.start(), port, log);
        server.awaitHealthy();
        return server;
    }

    /** What a jar command printed, and how it exited. */
    public record CommandResult(int exitCode, String output) {
    }

    /**
     * Runs {@code java -jar callvault.jar ARGS} (the built classes and the runtime classpath) on this data folder,
     * as an operator would beside the running server, and waits at most two minutes for it.
     */
    public static CommandResult command(Path dataDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", classpath(), "io.callvault.CallVaultApplication"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CALLVAULT_DATA_DIR", dataDir.toString());
        builder.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "");
        builder.environment().remove("SPRING_DATASOURCE_URL");
        builder.environment().remove("CALLVAULT_ADMIN_TOKEN");
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end: " + new String(output));
        }
        return new CommandResult(process.exitValue(), new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String classpath() throws IOException {
        String classes = System.getProperty("callvault.classes", "target/classes");
        String runtime = Files.readString(Path.of(System.getProperty("callvault.runtime-classpath",
                "target/runtime-classpath.txt"))).strip();
        return classes + File.pathSeparator + runtime;
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook, no flush, nothing graceful. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        Api api = new Api(port, "");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited: " + log());
            }
            try {
                if (api.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server did not become healthy: " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
