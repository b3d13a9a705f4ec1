package io.callvault.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code callvault.delivery.redirect=true}: audio held by an object store is answered 302 to a presigned URL of
 * {@code redirect-ttl}, so the store (or a CDN in front of it) carries the bytes. Off by default.
 */
@ConfigurationProperties("callvault.delivery")
public record DeliveryProperties(@DefaultValue("false") boolean redirect, @DefaultValue("5m") Duration redirectTtl) {
}
