package io.callvault.server;

import java.nio.file.Path;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The settings of contract section 0. Environment variables bind by Spring's relaxed rules:
 * {@code CALLVAULT_DATA_DIR} is {@code callvault.data-dir}, {@code CALLVAULT_MAX_UPLOAD} is {@code callvault.max-upload}.
 */
@ConfigurationProperties("callvault")
public record CallVaultProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("2GB") DataSize maxUpload,
        @DefaultValue("UTC") ZoneId defaultTimeZone,
        String adminToken,
        @DefaultValue("false") boolean demo,
        @DefaultValue("filesystem") String storage) {
}
