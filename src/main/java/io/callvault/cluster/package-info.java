/**
 * What several stateless CallVault nodes need from each other, never by connecting to each other: word that a
 * cached row changed ({@link io.callvault.cluster.Invalidations}: PostgreSQL's LISTEN/NOTIFY; in-process on the
 * embedded database, which only one process opens) and {@link io.callvault.cluster.SharedCache}, the one kind of
 * cache the request path keeps, emptied by it; through Redis when the deployment has one
 * ({@link io.callvault.cluster.SharedRedis}), counters every node spends from ({@link io.callvault.cluster.SharedBuckets})
 * and messages from node to node ({@link io.callvault.cluster.NodeChannels}). Redis holds nothing a node cannot do
 * without for a while: no node waits for it, at start-up or after.
 */
package io.callvault.cluster;
