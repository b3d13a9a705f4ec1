/**
 * The jar's commands besides running the server ({@code fsck}, {@code storage migrate}, {@code playback-key rotate},
 * {@code --help}, {@code --version}): parsed, then run with the server's own services, or, on the embedded database,
 * by the server running on the same data folder ({@link io.callvault.command.RunningServer}, over the admin API
 * this package also holds).
 */
package io.callvault.command;
