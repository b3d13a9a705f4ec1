package io.callvault.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.callvault.support.TestAudio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioProbeTest {

    @TempDir
    Path dir;

    private final AudioProbe probe = new AudioProbe();

    private AudioInfo probe(byte[] bytes) throws Exception {
        Path file = Files.write(dir.resolve("audio-" + System.nanoTime()), bytes);
        return probe.probe(file);
    }

    @ParameterizedTest(name = "{0} {1} Hz {2} ch")
    @CsvSource({
            "pcm16, 8000, 1, 12000, 16",
            "pcm16, 44100, 2, 44100, 16",
            "pcm8, 11025, 1, 22050, 8",
            "pcm8, 8000, 2, 4000, 8",
            "mulaw, 8000, 1, 16000, 8",
            "mulaw, 8000, 2, 8000, 8",
            "alaw, 8000, 1, 8000, 8",
            "alaw, 16000, 2, 24000, 8"})
    void measuresEveryWavEncoding(String kind, int rate, int channels, int frames, int bits) throws Exception {
        byte[] file = switch (kind) {
            case "pcm16" -> TestAudio.pcm16(rate, channels, frames);
            case "pcm8" -> TestAudio.pcm8(rate, channels, frames);
            case "mulaw" -> TestAudio.mulaw(rate, channels, frames);
            default -> TestAudio.alaw(rate, channels, frames);
        };
        AudioInfo info = probe(file);
        assertThat(info.container()).isEqualTo(AudioContainer.WAV);
        assertThat(info.encoding()).isEqualTo(switch (kind) {
            case "pcm16", "pcm8" -> AudioEncoding.PCM;
            case "mulaw" -> AudioEncoding.MULAW;
            default -> AudioEncoding.ALAW;
        });
        assertThat(info.sampleRate()).isEqualTo(rate);
        assertThat(info.channels()).isEqualTo(channels);
        assertThat(info.bitsPerSample()).isEqualTo(bits);
        assertThat(info.durationMs()).isEqualTo((long) frames * 1000 / rate);
        assertThat(info.dataLength()).isEqualTo((long) frames * channels * bits / 8);
        assertThat(info.dataOffset() + info.dataLength()).isLessThanOrEqualTo(file.length);
    }

    /** Expected lengths are the sources' (see src/test/resources/audio/README.md); tolerance is one MP3 frame. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "cbr-44k-notag.mp3, 2037, 44100, 1152",
            "cbr-44k-info.mp3, 2000, 44100, 1152",
            "vbr-22k-xing.mp3, 3000, 22050, 576",
            "id3-8k-a.mp3, 1656, 8000, 576",
            "cbr-8k-b.mp3, 2664, 8000, 576"})
    void measuresMp3ToWithinOneFrame(String name, long expectedMs, int rate, int samplesPerFrame) throws Exception {
        byte[] file = TestAudio.resource(name);
        AudioInfo info = probe(file);
        assertThat(info.container()).isEqualTo(AudioContainer.MP3);
        assertThat(info.sampleRate()).isEqualTo(rate);
        assertThat(info.channels()).isEqualTo(1);
        double frameMs = samplesPerFrame * 1000.0 / rate;
        assertThat((double) info.durationMs()).isCloseTo(expectedMs, within(frameMs));
        // the payload starts on a frame sync, past any ID3v2 tag
        assertThat(file[(int) info.dataOffset()] & 0xFF).isEqualTo(0xFF);
        assertThat(file[(int) info.dataOffset() + 1] & 0xE0).isEqualTo(0xE0);
    }

    @Test
    void skipsTheId3v2Tag() throws Exception {
        byte[] file = TestAudio.resource("id3-8k-a.mp3");
        assertThat(new String(file, 0, 3)).isEqualTo("ID3");
        assertThat(probe(file).dataOffset()).isGreaterThan(10);
    }

    @Test
    void ignoresGarbageAfterTheLastFrame() throws Exception {
        byte[] clean = TestAudio.resource("cbr-8k-b.mp3");
        byte[] dirty = Arrays.copyOf(clean, clean.length + 5000);
        Arrays.fill(dirty, clean.length, dirty.length, (byte) 0x5A);
        assertThat(probe(dirty).durationMs()).isEqualTo(probe(clean).durationMs());
    }

    @Test
    void countsOnlyCompleteFramesOfATruncatedMp3() throws Exception {
        byte[] clean = TestAudio.resource("cbr-44k-notag.mp3");
        AudioInfo whole = probe(clean);
        AudioInfo cut = probe(Arrays.copyOf(clean, clean.length / 2 + 7));
        assertThat(cut.durationMs()).isLessThan(whole.durationMs()).isGreaterThan(whole.durationMs() / 3);
        assertThat(cut.dataOffset() + cut.dataLength()).isLessThanOrEqualTo(clean.length / 2 + 7);
    }

    @Test
    void refusesATruncatedWav() {
        byte[] whole = TestAudio.pcm16(8000, 1, 8000);
        assertThatThrownBy(() -> probe(Arrays.copyOf(whole, whole.length / 2)))
                .isInstanceOf(InvalidAudioException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> probe(Arrays.copyOf(whole, 30)))
                .isInstanceOf(InvalidAudioException.class);
    }

    @Test
    void refusesAChunkThatDeclaresMoreThanTheFileHolds() {
        byte[] file = TestAudio.pcm16(8000, 1, 800);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0xFFFFFF00); // fmt chunk size ≈ 4 GiB
        assertThatThrownBy(() -> probe(file)).isInstanceOf(InvalidAudioException.class).hasMessageContaining("declares");
    }

    @Test
    void refusesUnsupportedWavVariants() {
        byte[] stereo = TestAudio.pcm16(8000, 2, 800);
        byte[] threeChannels = stereo.clone();
        ByteBuffer.wrap(threeChannels).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 3);
        assertThatThrownBy(() -> probe(threeChannels)).isInstanceOf(UnsupportedAudioException.class);
        byte[] float32 = stereo.clone();
        ByteBuffer.wrap(float32).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 3);
        assertThatThrownBy(() -> probe(float32)).isInstanceOf(UnsupportedAudioException.class).hasMessageContaining("0x3");
    }

    @Test
    void refusesWhatIsNotAudio() {
        assertThatThrownBy(() -> probe("hello, this is not audio".getBytes()))
                .isInstanceOf(UnsupportedAudioException.class);
        assertThatThrownBy(() -> probe("RIFF\0\0\0\0AVI LIST".getBytes()))
                .isInstanceOf(UnsupportedAudioException.class);
        byte[] fakeSync = new byte[2000];
        Arrays.fill(fakeSync, (byte) 0x11);
        fakeSync[0] = (byte) 0xFF;
        fakeSync[1] = (byte) 0xFB;
        fakeSync[2] = (byte) 0x50;
        assertThatThrownBy(() -> probe(fakeSync)).isInstanceOf(UnsupportedAudioException.class);
        assertThatThrownBy(() -> probe(new byte[0])).isInstanceOf(InvalidAudioException.class);
        assertThatThrownBy(() -> probe(Arrays.copyOf(TestAudio.resource("id3-8k-a.mp3"), 200)))
                .isInstanceOfAny(InvalidAudioException.class, UnsupportedAudioException.class);
    }
}
