/**
 * What several stateless CallVault nodes on one database need from each other: word that a cached row changed.
 * {@link io.callvault.cluster.Invalidations} carries it (PostgreSQL's LISTEN/NOTIFY; in-process on the embedded
 * database, which only one process opens), and {@link io.callvault.cluster.SharedCache} is the one kind of cache
 * the request path keeps, emptied by it.
 */
package io.callvault.cluster;
