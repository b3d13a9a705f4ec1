package io.callvault.audio;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.springframework.stereotype.Component;

/** Tells what a file of audio is, from its bytes alone. */
@Component
public class AudioProbe {

    public AudioInfo probe(Path file) throws IOException, UnsupportedAudioException, InvalidAudioException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileWindow window = new FileWindow(channel);
            if (window.size() == 0) {
                throw new InvalidAudioException("the audio is empty");
            }
            byte[] head = new byte[12];
            int n = window.read(0, head, head.length);
            if (WavReader.looksLikeWav(head, n)) {
                return WavReader.read(window);
            }
            if (Mp3Reader.looksLikeMp3(head, n)) {
                return Mp3Reader.read(window);
            }
            throw new UnsupportedAudioException("unrecognised audio format: WAV (PCM 8/16-bit, A-law, μ-law) and MP3 are accepted");
        }
    }
}
