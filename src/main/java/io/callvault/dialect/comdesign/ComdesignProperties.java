package io.callvault.dialect.comdesign;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The request allowance ({@code CALLVAULT_COMDESIGN_BURST}, {@code CALLVAULT_COMDESIGN_INTERVAL}): a burst of
 * requests, then one per interval, per client and tenant. A burst of 0 turns it off.
 */
@ConfigurationProperties("callvault.comdesign")
public record ComdesignProperties(@DefaultValue("5") int burst, @DefaultValue("5s") Duration interval) {
}
