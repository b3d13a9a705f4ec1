package io.callvault.cluster;

import io.github.bucket4j.ConsumptionProbe;

/**
 * One token bucket of {@link SharedBuckets}: Bucket4j's operations that CallVault uses, answered by the bucket every
 * node shares when Redis answers, and by this node's own when it does not.
 */
public interface SharedBucket {

    ConsumptionProbe tryConsumeAndReturnRemaining(long tokens);

    boolean tryConsume(long tokens);

    void addTokens(long tokens);

    long getAvailableTokens();
}
