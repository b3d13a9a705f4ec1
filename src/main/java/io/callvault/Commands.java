package io.callvault;

import java.util.ArrayList;
import java.util.List;

import io.callvault.integrity.IntegrityCheck;
import io.callvault.storage.StorageMigration;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The jar's commands, run with the server's own configuration and no web server, printing progress:
 * <pre>
 *   java -jar callvault.jar storage migrate --to filesystem|s3 [--tenant ID]
 *   java -jar callvault.jar fsck [--repair] [--tenant ID]
 * </pre>
 * Both are safe beside a live server on the same data folder and database.
 */
final class Commands {

    private static final String USAGE = """
            usage: java -jar callvault.jar storage migrate --to filesystem|s3 [--tenant ID]
                   java -jar callvault.jar fsck [--repair] [--tenant ID]""";

    private Commands() {
    }

    static boolean applies(String[] args) {
        return args.length >= 1 && (args[0].equals("storage") || args[0].equals("fsck"));
    }

    /** @return the exit code: 0 all well, 1 damage found or some recordings failed, 2 a usage error */
    static int run(String[] args) throws Exception {
        String target = null;
        String tenant = null;
        boolean repair = false;
        List<String> springArgs = new ArrayList<>();
        boolean migrate = args[0].equals("storage");
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "migrate" -> {
                }
                case "--to" -> target = i + 1 < args.length ? args[++i] : null;
                case "--tenant" -> tenant = i + 1 < args.length ? args[++i] : null;
                case "--repair" -> repair = true;
                default -> springArgs.add(args[i]);
            }
        }
        if (migrate && (args.length < 2 || !args[1].equals("migrate") || target == null)) {
            System.err.println(USAGE);
            return 2;
        }
        springArgs.add("--callvault.command=" + args[0]);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CallVaultApplication.class)
                .web(WebApplicationType.NONE).run(springArgs.toArray(String[]::new))) {
            if (migrate) {
                StorageMigration.Result result = context.getBean(StorageMigration.class)
                        .migrate(target, tenant, Long.MAX_VALUE, System.out::println);
                return result.failed() == 0 ? 0 : 1;
            }
            IntegrityCheck.Report report = context.getBean(IntegrityCheck.class).check(tenant, repair, System.out::println);
            report.problems().forEach(p -> System.out.println(p.problem() + " " + p.tenantId() + "/" + p.recordingId()
                    + " (call " + p.callId() + "): " + p.detail() + (p.repaired() ? " → marked Fail" : "")));
            return report.damaged() ? 1 : 0;
        }
    }
}
