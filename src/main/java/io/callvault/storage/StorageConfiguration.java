package io.callvault.storage;

import java.io.IOException;
import java.time.Duration;

import io.callvault.server.CallVaultProperties;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    /**
     * Staged files left by an earlier run are orphans: swept here, before the server takes any upload. A command
     * (storage migrate) may run beside a live server on the same data folder, so it sweeps nothing.
     */
    @Bean
    StagingArea stagingArea(CallVaultProperties properties, @Value("${callvault.command:}") String command)
            throws IOException {
        StagingArea staging = new StagingArea(properties.dataDir().resolve("staging"));
        if (command.isBlank()) {
            staging.sweep(Duration.ZERO);
        }
        return staging;
    }

    @Bean
    FileSystemBlobStore fileSystemBlobStore(CallVaultProperties properties) throws IOException {
        return new FileSystemBlobStore(properties.dataDir().resolve("audio"));
    }

    /** Made whenever a bucket is configured, so that recordings can be read from it (and migrated) either way. */
    @Bean
    @ConditionalOnProperty(prefix = "callvault.s3", name = "bucket")
    S3BlobStore s3BlobStore(S3Properties properties) {
        return new S3BlobStore(properties);
    }

    @Bean
    BlobStores blobStores(List<BlobStore> stores, CallVaultProperties properties) {
        return new BlobStores(stores, properties.storage());
    }
}
