/**
 * The archive's catalog: calls, their recordings (segments) and what was measured of each, with the native
 * API that upserts calls and finds and lists them. Dialects read through {@link io.callvault.catalog.Catalog}.
 */
package io.callvault.catalog;
