package io.callvault.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With no database configured, CallVault keeps an H2 file database inside its data folder, so that
 * {@code java -jar} works with nothing else installed. H2 refuses bare relative paths, so the folder is made absolute
 * here; and it is made owner-only before H2 writes a file into it (see {@link DataFolder}).
 */
public class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("callvault.data-dir", "./data")).toAbsolutePath().normalize();
        try {
            OwnerOnly.folders(dataDir.resolve("db"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data folder " + dataDir, e);
        }
        // WRITE_DELAY=0: a commit reaches the file before it is acknowledged, not up to 500 ms later.
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database while the server still shuts down
        // (the access log's last rows written into a closing database); the connection pool closes it in order
        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("callvault")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        environment.getPropertySources().addLast(new MapPropertySource("callvaultEmbeddedDatabase",
                Map.of("spring.datasource.url", url, "spring.datasource.username", "sa")));
    }
}
