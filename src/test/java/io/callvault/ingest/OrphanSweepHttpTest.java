package io.callvault.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.callvault.storage.BlobStore;
import io.callvault.storage.BlobStores;
import io.callvault.storage.StorageKey;
import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;
import io.callvault.support.TestDatabase;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Runs on whichever store the run makes active: the filesystem, and S3 in the S3 run. */
class OrphanSweepHttpTest extends HttpTestBase {

    @Autowired
    OrphanSweep sweep;
    @Autowired
    BlobStores stores;

    @Test
    void removesOnlyOldBlobsThatNoRowPointsAt() throws Exception {
        String tenant = api.tenant("sweep");
        Api.Credentials client = api.readWriteClient(tenant);
        byte[] audio = TestAudio.pcm16(8000, 1, 800);
        String kept = api.upload(client, tenant, "c1", 1, audio).get("id").asString();

        BlobStore store = stores.active();
        assertThat(store.name()).isEqualTo(TestDatabase.STORAGE);
        String orphan = StorageKey.of(UUID.randomUUID(), "wav");
        Path staged = Files.write(Files.createTempFile("orphan", ".part"), audio);
        store.store(staged, orphan);
        assertThat(store.size(orphan)).isPresent();

        // a blob younger than the grace may be one whose row is being written: left alone
        sweep.sweep(store, Duration.ofHours(1));
        assertThat(store.size(orphan)).isPresent();

        clock.advance(Duration.ofHours(2));
        assertThat(sweep.sweep(store, Duration.ofHours(1))).isGreaterThanOrEqualTo(1);
        assertThat(store.size(orphan)).isEmpty();
        assertThat(stored.bytes(kept)).isEqualTo(audio);
        assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + kept + "/audio", "Authorization", client.bearer())
                .body()).isEqualTo(audio);
    }
}
