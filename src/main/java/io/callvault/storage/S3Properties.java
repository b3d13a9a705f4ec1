package io.callvault.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The S3-compatible store ({@code CALLVAULT_S3_*}). Credentials left out come from the AWS default chain
 * (environment, profile, instance role).
 */
@ConfigurationProperties("callvault.s3")
public record S3Properties(String endpoint, @DefaultValue("us-east-1") String region, String bucket, String accessKey,
        String secretKey, @DefaultValue("false") boolean pathStyle) {

    public boolean configured() {
        return bucket != null && !bucket.isBlank();
    }
}
