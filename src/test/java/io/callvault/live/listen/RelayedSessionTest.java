package io.callvault.live.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.callvault.catalog.RecordingState;
import io.callvault.live.LiveListener;

import org.junit.jupiter.api.Test;

/**
 * What a listener hears of the messages another node publishes for a recording ({@link LiveRelay}'s format): from
 * the first header on, audio that came before the listener waits for it, audio heard already (published again after
 * a later listener's header) is not heard twice, audio that never arrived is said to be missed, and the end ends it.
 */
class RelayedSessionTest {

    private final List<RelayedSession> left = new ArrayList<>();
    private final RelayedSession session = new RelayedSession("t", "c", "r", left::add,
            (tenant, recording, offset, length) -> new byte[0]);

    @Test
    void aListenerHearsEveryByteFromTheHeaderOnOnceAndThenTheEnd() {
        session.received(audio(0, "before the header, not this listener's"));
        assertThat(session.awaitHeader(Duration.ZERO)).isFalse();
        session.received(header(100, 8000, 1, "PCMU"));
        assertThat(session.awaitHeader(Duration.ZERO)).isTrue();
        assertThat(session.format().codec()).isEqualTo("PCMU");
        assertThat(session.format().sampleRate()).isEqualTo(8000);
        session.received(audio(100, "abcd"));
        session.received(header(104, 8000, 1, "PCMU")); // a later listener's, elsewhere: changes nothing here

        Heard heard = new Heard();
        assertThat(session.listen(heard)).as("where the audio it hears starts").isEqualTo(100);
        session.received(audio(104, "efgh"));
        session.received(audio(106, "ghij")); // overlaps what was heard: only the new part
        session.received(audio(108, "ij"));   // all heard already
        session.received(audio(110, "kl"));
        assertThat(heard.bytes.toString(StandardCharsets.ISO_8859_1)).isEqualTo("abcdefghijkl");
        assertThat(heard.end).isNull();

        session.received(("E" + RecordingState.Success.name()).getBytes(StandardCharsets.UTF_8));
        assertThat(heard.end).isEqualTo(RecordingState.Success);
        assertThat(left).containsExactly(session);
    }

    @Test
    void audioThatNeverArrivedIsSaidToBeMissedWhereItWasBeforeItsListenerCameAndAfter() {
        session.received(header(0, 8000, 1, "PCMU"));
        session.received(audio(0, "ab"));
        session.received(audio(4, "ef")); // 2 to 4 published while Redis was away
        Heard heard = new Heard();
        session.listen(heard);
        session.received(audio(6, "gh"));
        session.received(audio(10, "kl"));
        assertThat(heard.events).containsExactly("ab", "missed 2-4", "ef", "gh", "missed 8-10", "kl");
    }

    @Test
    void aHoldsSilenceIsHeardAsSilenceInItsPlaceHoweverLong() {
        session.received(header(0, 8000, 1, "PCMU"));
        Heard heard = new Heard();
        session.listen(heard);
        session.received(audio(0, "ab"));
        session.received(silence(2, 480_000, (byte) 0xFF)); // a minute on hold
        session.received(audio(480_002, "cd"));
        session.received(silence(480_000, 4, (byte) 0xFF)); // published again for a later listener: heard already
        session.received(silence(480_010, 6, (byte) 0xFF)); // 480,004 to 480,010 lost with Redis
        assertThat(heard.events).containsExactly("ab", "silence 2-480002 ff", "cd", "missed 480004-480010",
                "silence 480010-480016 ff");
    }

    @Test
    void aSessionThatEndedBeforeItsListenerCameEndsThatListenerAtOnce() {
        session.received(header(0, 16000, 2, "L16"));
        session.received(audio(0, "abcd"));
        session.received(("E" + RecordingState.Interrupted.name()).getBytes(StandardCharsets.UTF_8));
        Heard heard = new Heard();
        session.listen(heard);
        assertThat(heard.bytes.toString(StandardCharsets.ISO_8859_1)).isEqualTo("abcd");
        assertThat(heard.end).isEqualTo(RecordingState.Interrupted);
    }

    @Test
    void wordThatTheCallGoesOnIsHeardAsLifeNotAsAudio() throws Exception {
        session.received(header(0, 8000, 1, "PCMU"));
        Heard heard = new Heard();
        session.listen(heard);
        Thread.sleep(50);
        assertThat(session.silentFor()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        session.received(new byte[] {'K'});
        assertThat(session.silentFor()).isLessThan(Duration.ofMillis(50));
        assertThat(heard.bytes.size()).isZero();
        assertThat(heard.end).isNull();
    }

    @Test
    void aSessionNoListenerTookIsUnclaimedAndOneWithAListenerIsNot() throws Exception {
        session.received(header(0, 8000, 1, "PCMU"));
        assertThat(session.unclaimedFor(Duration.ofHours(1))).as("not yet").isFalse();
        Thread.sleep(20);
        assertThat(session.unclaimedFor(Duration.ofMillis(10))).as("the upgrade never came").isTrue();
        session.listen(new Heard());
        assertThat(session.unclaimedFor(Duration.ofMillis(10))).isFalse();
    }

    private static byte[] header(long offset, int sampleRate, int channels, String codec) {
        byte[] name = codec.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(14 + name.length).put((byte) 'H').putLong(offset).putInt(sampleRate)
                .put((byte) channels).put(name).array();
    }

    private static byte[] silence(long offset, long length, byte sample) {
        return ByteBuffer.allocate(18).put((byte) 'S').putLong(offset).putLong(length).put(sample).array();
    }

    private static byte[] audio(long offset, String bytes) {
        byte[] audio = bytes.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(9 + audio.length).put((byte) 'A').putLong(offset).put(audio).array();
    }

    private static final class Heard implements LiveListener {

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        RecordingState end;

        @Override
        public void audio(ByteBuffer audio) {
            byte[] copy = new byte[audio.remaining()];
            audio.get(copy);
            bytes.writeBytes(copy);
            events.add(new String(copy, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void missed(long fromOffset, long toOffset) {
            events.add("missed " + fromOffset + "-" + toOffset);
        }

        @Override
        public void silence(long fromOffset, long toOffset, byte sample) {
            events.add("silence " + fromOffset + "-" + toOffset + " " + String.format("%02x", sample));
        }

        @Override
        public void ended(RecordingState state) {
            end = state;
        }
    }
}
