package io.callvault.dialect.comdesign;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The request allowance ({@code CALLVAULT_COMDESIGN_BURST}, {@code CALLVAULT_COMDESIGN_INTERVAL}): a burst of
 * requests, then one per interval, per client and tenant; a burst of 0 turns it off. The largest transcript push
 * ({@code CALLVAULT_COMDESIGN_MAX_TRANSCRIPT}): 16 MB holds about 58,000 sentences of the vendor's format, a
 * sentence a second for 16 hours of one call.
 */
@ConfigurationProperties("callvault.comdesign")
public record ComdesignProperties(@DefaultValue("5") int burst, @DefaultValue("5s") Duration interval,
        @DefaultValue("16MB") DataSize maxTranscript) {
}
