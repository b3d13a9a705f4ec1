/**
 * The server process itself, below every feature: its settings ({@link io.callvault.server.CallVaultProperties}),
 * its data folder (owner-only files, the embedded database's place in it), its clock, the one content hash, and
 * the start-up banner. Imports no feature package.
 */
package io.callvault.server;
