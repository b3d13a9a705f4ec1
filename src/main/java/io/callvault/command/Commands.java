package io.callvault.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.callvault.tenancy.PlaybackKeys;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The jar's commands ({@link JarCommand#USAGE}), run with the server's own configuration and no web server, printing
 * progress. On the embedded database, which one process at a time may open, a command finds the server running on
 * the same data folder and has it do the work ({@link RunningServer}); on PostgreSQL it runs here, beside any number
 * of servers.
 */
public final class Commands {

    private Commands() {
    }

    /**
     * The exit code when the arguments name a command (which has then run), else empty: start the server.
     *
     * @param application the Spring Boot application whose services the commands use
     */
    public static OptionalInt runIfCommand(String[] args, Class<?> application) throws Exception {
        JarCommand command = JarCommand.parse(args);
        if (command == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(run(command, application));
    }

    private static int run(JarCommand command, Class<?> application) throws Exception {
        switch (command.kind()) {
            case HELP -> {
                System.out.println(JarCommand.USAGE);
                return 0;
            }
            case VERSION -> {
                String version = application.getPackage().getImplementationVersion();
                System.out.println("CallVault " + (version == null ? "(development build)" : version)
                        + " on Java " + Runtime.version());
                return 0;
            }
            case USAGE_ERROR -> {
                System.err.println(command.problem());
                System.err.println(JarCommand.USAGE);
                return 2;
            }
            case ROTATE_PLAYBACK_KEY -> {
                Path dataDir = dataDir(command.springArgs());
                PlaybackKeys.rotate(dataDir);
                System.out.println("new playback key made in " + dataDir.resolve("playback-key")
                        + "; the previous one verifies its URLs for " + PlaybackKeys.LONGEST_TTL.toMinutes()
                        + " more minutes. Restart the server to sign with the new key.");
                return 0;
            }
            default -> {
                return runWithServices(command, application);
            }
        }
    }

    private static int runWithServices(JarCommand command, Class<?> application) throws IOException {
        if (embeddedDatabase(command.springArgs())) {
            Optional<RunningServer> server = RunningServer.on(dataDir(command.springArgs()));
            if (server.isPresent()) {
                System.out.println("a server is running on this data folder: it does the work");
                return server.get().run(command, System.out::println);
            }
        }
        List<String> springArgs = new ArrayList<>(command.springArgs());
        springArgs.add("--callvault.command=" + command.kind().name().toLowerCase(java.util.Locale.ROOT));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).run(springArgs.toArray(String[]::new))) {
            return context.getBean(CommandExecution.class).execute(command, System.out::println);
        }
    }

    /** No database configured: the embedded H2 file in the data folder, as {@code EmbeddedDatabaseDefaults} decides. */
    private static boolean embeddedDatabase(List<String> springArgs) {
        return setting(springArgs, "spring.datasource.url", "SPRING_DATASOURCE_URL") == null;
    }

    static Path dataDir(List<String> springArgs) {
        String configured = setting(springArgs, "callvault.data-dir", "CALLVAULT_DATA_DIR");
        return Path.of(configured == null ? "./data" : configured).toAbsolutePath().normalize();
    }

    private static String setting(List<String> springArgs, String property, String variable) {
        for (String arg : springArgs) {
            if (arg.startsWith("--" + property + "=")) {
                return arg.substring(property.length() + 3);
            }
        }
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? null : value;
    }
}
