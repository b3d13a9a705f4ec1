/**
 * CT-e1's 音声データ連携 (contract 6.1), a thin adapter over the live core: the audio API (startRecord, binary audio,
 * disconnect) becomes a live session of the call named by sessionId, and the control API (callStart, callEnd)
 * creates and completes the call. Owns no table.
 */
package io.callvault.live.cte1;
