package io.callvault.command;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code java -jar callvault.jar ARGS} asks for, when it is not "run the server".
 *
 * @param springArgs the arguments left for the server's configuration ({@code --callvault.data-dir=…})
 */
record JarCommand(Kind kind, String target, String tenant, boolean repair, List<String> springArgs, String problem) {

    enum Kind { HELP, VERSION, FSCK, MIGRATE, ROTATE_PLAYBACK_KEY, USAGE_ERROR }

    static final String USAGE = """
            usage: java -jar callvault.jar [--demo] [--server.port=N] [--callvault.data-dir=DIR] …   run the server
                   java -jar callvault.jar fsck [--repair] [--tenant ID]                         check stored audio
                   java -jar callvault.jar storage migrate --to filesystem|s3 [--tenant ID]      move audio between stores
                   java -jar callvault.jar playback-key rotate                                   new key for playback URLs
                   java -jar callvault.jar --help | --version

            fsck and storage migrate are safe beside a running server: on the embedded database they ask the server
            running on the same data folder to do the work. Settings come from the environment (CALLVAULT_DATA_DIR,
            SPRING_DATASOURCE_URL, CALLVAULT_STORAGE, …): see README.md.""";

    /** The command these arguments name, or null when they start the server. */
    static JarCommand parse(String[] args) {
        if (args.length == 0) {
            return null;
        }
        switch (args[0]) {
            case "--help", "-h", "help" -> {
                return simple(Kind.HELP);
            }
            case "--version", "version" -> {
                return simple(Kind.VERSION);
            }
            case "fsck", "storage", "playback-key" -> {
                return parseCommand(args);
            }
            default -> {
                return null;
            }
        }
    }

    private static JarCommand parseCommand(String[] args) {
        String target = null;
        String tenant = null;
        boolean repair = false;
        List<String> springArgs = new ArrayList<>();
        String verb = args.length > 1 ? args[1] : null;
        int first = args[0].equals("fsck") ? 1 : 2;
        for (int i = first; i < args.length; i++) {
            switch (args[i]) {
                case "--to" -> target = i + 1 < args.length ? args[++i] : null;
                case "--tenant" -> tenant = i + 1 < args.length ? args[++i] : null;
                case "--repair" -> repair = true;
                default -> {
                    if (!args[i].startsWith("--") || !args[i].contains("=")) {
                        return usageError("unknown argument '" + args[i] + "'");
                    }
                    springArgs.add(args[i]);
                }
            }
        }
        return switch (args[0]) {
            case "fsck" -> new JarCommand(Kind.FSCK, null, tenant, repair, springArgs, null);
            case "storage" -> !"migrate".equals(verb) ? usageError("storage takes: migrate --to filesystem|s3")
                    : target == null ? usageError("storage migrate needs --to filesystem or --to s3")
                    : new JarCommand(Kind.MIGRATE, target, tenant, false, springArgs, null);
            default -> "rotate".equals(verb) ? new JarCommand(Kind.ROTATE_PLAYBACK_KEY, null, null, false, springArgs, null)
                    : usageError("playback-key takes: rotate");
        };
    }

    private static JarCommand simple(Kind kind) {
        return new JarCommand(kind, null, null, false, List.of(), null);
    }

    private static JarCommand usageError(String problem) {
        return new JarCommand(Kind.USAGE_ERROR, null, null, false, List.of(), problem);
    }
}
