package io.callvault.live;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a listener of a live recording hears from: the {@link LiveSession} this node captures, or the audio of a
 * session another node captures, relayed to this one.
 */
public interface LiveAudioSource {

    String recordingId();

    String tenantId();

    String callId();

    LiveFormat format();

    /** Adds the listener, which hears audio from now on; answers how many bytes of audio came before that. */
    long listen(LiveListener listener);

    void stopListening(LiveListener listener);

    /** Reads audio captured before, from {@code dataOffset}; -1 when there is none to read here. */
    int read(ByteBuffer into, long dataOffset) throws IOException;
}
