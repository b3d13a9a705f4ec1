/**
 * Deleting what the archive holds: explicit deletion of calls and recordings, the scheduled retention purge, and
 * the legal hold that stops both. Every deletion and hold change is written to the audit trail (the access log).
 */
package io.callvault.retention;
