package io.callvault;

import java.util.ArrayList;
import java.util.List;

import io.callvault.storage.StorageMigration;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar callvault.jar storage migrate --to s3 [--tenant ID]}: moves recordings between stores with the
 * server's own configuration, printing progress. Safe to interrupt and to run again; safe beside a live server.
 */
final class StorageCommand {

    private StorageCommand() {
    }

    static boolean applies(String[] args) {
        return args.length >= 1 && args[0].equals("storage");
    }

    /** @return the process exit code: 0 when every recording moved, 1 when some failed, 2 on a usage error */
    static int run(String[] args) throws Exception {
        String target = null;
        String tenant = null;
        List<String> springArgs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "migrate" -> {
                }
                case "--to" -> target = i + 1 < args.length ? args[++i] : null;
                case "--tenant" -> tenant = i + 1 < args.length ? args[++i] : null;
                default -> springArgs.add(args[i]);
            }
        }
        if (args.length < 2 || !args[1].equals("migrate") || target == null) {
            System.err.println("usage: java -jar callvault.jar storage migrate --to filesystem|s3 [--tenant ID]");
            return 2;
        }
        springArgs.add("--callvault.command=storage-migrate");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CallVaultApplication.class)
                .web(WebApplicationType.NONE).run(springArgs.toArray(String[]::new))) {
            StorageMigration.Result result = context.getBean(StorageMigration.class)
                    .migrate(target, tenant, Long.MAX_VALUE, System.out::println);
            return result.failed() == 0 ? 0 : 1;
        }
    }
}
