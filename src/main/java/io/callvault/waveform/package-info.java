/**
 * Waveforms: the peaks of a recording's audio for the web player to draw (contract 7), decoded from every stored
 * format (WAV PCM, μ-law and A-law through the JDK's javax.sound; MP3 through JLayer), computed once at
 * {@value io.callvault.waveform.Peaks#STORED_BUCKETS} buckets and kept, then reduced to the points each request asks for.
 * Owns the table waveforms.
 */
package io.callvault.waveform;
