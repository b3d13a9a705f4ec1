/**
 * The archive's catalog: calls, their recordings (segments) and what was measured of each, their transcripts and
 * legal holds, with the native API that upserts calls and finds and lists them. Owns the tables calls, recordings,
 * transcripts, transcript_records and transcript_sentences: every other feature reads and changes them through
 * {@link io.callvault.catalog.Catalog}, which announces each change of a recording to every node's cache.
 */
package io.callvault.catalog;
