/** The access log: every successful audio read, kept in the database for audit queries. */
package io.callvault.audit;
