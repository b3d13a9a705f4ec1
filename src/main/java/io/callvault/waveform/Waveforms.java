package io.callvault.waveform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.callvault.catalog.Recording;
import io.callvault.storage.BlobStores;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/** A recording's peaks: read from the table, or decoded from its audio once and kept. */
@Service
class Waveforms {

    private final WaveformRepository repository;
    private final BlobStores stores;

    Waveforms(WaveformRepository repository, BlobStores stores) {
        this.repository = repository;
        this.stores = stores;
    }

    Peaks of(Recording recording) {
        return repository.find(recording.id()).orElseGet(() -> compute(recording));
    }

    private Peaks compute(Recording recording) {
        Peaks peaks;
        try (InputStream payload = stores.get(recording.store()).open(recording.storageKey(),
                recording.audio().dataOffset(), recording.audio().dataLength())) {
            peaks = AudioDecoder.peaks(recording.audio(), payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audio of recording " + recording.id(), e);
        }
        try {
            repository.keep(recording.id(), peaks);
        } catch (DataIntegrityViolationException deletedMeanwhile) {
            // the recording was deleted while its peaks were computed: answer them this once, keep nothing
        }
        return peaks;
    }
}
