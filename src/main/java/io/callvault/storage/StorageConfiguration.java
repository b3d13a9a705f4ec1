package io.callvault.storage;

import java.io.IOException;
import java.time.Duration;

import io.callvault.CallVaultProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    /** Staged files left by an earlier run are orphans: swept here, before the server takes any upload. */
    @Bean
    StagingArea stagingArea(CallVaultProperties properties) throws IOException {
        StagingArea staging = new StagingArea(properties.dataDir().resolve("staging"));
        staging.sweep(Duration.ZERO);
        return staging;
    }

    @Bean
    BlobStore blobStore(CallVaultProperties properties) throws IOException {
        return new FileSystemBlobStore(properties.dataDir().resolve("audio"));
    }
}
