package io.callvault.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code redirect}: audio held by an object store is answered 302 to a presigned URL of {@code redirect-ttl}, so the
 * store (or a CDN in front of it) carries the bytes. {@code verify-full-reads}: whole-recording reads of local files
 * stream through the JVM to be checked against their SHA-256, instead of going out by zero-copy sendfile (reads
 * that stream anyway, from an object store, are always checked). Both off by default. {@code time-requests}: audio
 * requests are timed in {@code http.server.requests} like every other (off by default: see {@link AudioObservations}).
 */
@ConfigurationProperties("callvault.delivery")
public record DeliveryProperties(@DefaultValue("false") boolean redirect, @DefaultValue("5m") Duration redirectTtl,
        @DefaultValue("false") boolean verifyFullReads, @DefaultValue("false") boolean timeRequests) {
}
