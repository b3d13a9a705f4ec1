/**
 * Checking and measuring audio: sniffs the format from the bytes (never from Content-Type), reads duration,
 * encoding, rate and channels, and where the audio payload lies in the file so that segments can be joined.
 */
package io.callvault.audio;
