/**
 * Integrity of the archive: {@code fsck} verifies every stored recording's size and SHA-256 against the catalog,
 * reports missing and corrupt audio per tenant, and on request marks recordings whose audio is gone as Fail.
 */
package io.callvault.integrity;
