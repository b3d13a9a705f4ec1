package io.callvault.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

import io.callvault.support.TestAudio;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavHeaderTest {

    /** A made header over real sample data is read back by javax.sound.sampled with the right format and length. */
    @ParameterizedTest(name = "{0} {1} ch")
    @CsvSource({"PCM, 1, 16", "PCM, 2, 8", "MULAW, 1, 8", "ALAW, 2, 8"})
    void javaSoundReadsTheHeader(AudioEncoding encoding, int channels, int bits) throws Exception {
        int frames = 4000;
        AudioInfo format = new AudioInfo(AudioContainer.WAV, encoding, channels, 8000, bits, 0, 0, 0);
        long dataLength = (long) frames * channels * bits / 8;
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(WavHeader.of(format, dataLength));
        file.write(new byte[(int) dataLength]);
        try (AudioInputStream in = TestAudio.read(file.toByteArray())) {
            AudioFormat read = in.getFormat();
            assertThat(read.getChannels()).isEqualTo(channels);
            assertThat(read.getSampleRate()).isEqualTo(8000f);
            assertThat(read.getSampleSizeInBits()).isEqualTo(bits);
            assertThat(read.getEncoding().toString()).isEqualTo(switch (encoding) {
                case PCM -> bits == 8 ? "PCM_UNSIGNED" : "PCM_SIGNED";
                case MULAW -> "ULAW";
                case ALAW -> "ALAW";
                case MP3 -> "";
            });
            assertThat(in.getFrameLength()).isEqualTo(frames);
        }
    }
}
