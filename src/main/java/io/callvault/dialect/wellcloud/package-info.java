/**
 * Wellcloud's 录音调听 recording API (contract 3), wire-compatible: token exchange, recordings of a call, a
 * recording's stream and a call's joined stream. A thin mapping over the catalog, delivery and tenancy; errors
 * are HTTP status codes with a {@code {"code","message"}} body.
 */
package io.callvault.dialect.wellcloud;
