package io.callvault.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {

    @TempDir
    Path dir;

    @Test
    void storeMovesTheStagedFileIntoPlaceWhole() throws Exception {
        StagingArea staging = new StagingArea(dir.resolve("staging"));
        FileSystemBlobStore store = new FileSystemBlobStore(dir.resolve("audio"));
        Path staged = staging.newFile();
        byte[] bytes = new byte[100_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        Files.write(staged, bytes);
        store.store(staged, "ab/cd/abcd-1234.wav");
        assertThat(staged).doesNotExist();
        assertThat(store.size("ab/cd/abcd-1234.wav")).hasValue(100_000L);
        assertThat(Files.readAllBytes(store.localFile("ab/cd/abcd-1234.wav").orElseThrow())).isEqualTo(bytes);
        try (InputStream in = store.open("ab/cd/abcd-1234.wav", 500, 10)) {
            byte[] part = in.readAllBytes();
            assertThat(part).hasSize(10).containsExactly(java.util.Arrays.copyOfRange(bytes, 500, 510));
        }
        store.delete("ab/cd/abcd-1234.wav");
        assertThat(store.size("ab/cd/abcd-1234.wav")).isEmpty();
    }

    @Test
    void concurrentFirstRecordingsUnderOnePrefixAllLand() throws Exception {
        StagingArea staging = new StagingArea(dir.resolve("staging"));
        FileSystemBlobStore store = new FileSystemBlobStore(dir.resolve("audio"));
        int uploads = 8;
        CyclicBarrier together = new CyclicBarrier(uploads);
        List<Future<?>> done = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(uploads);
        try {
            for (int i = 0; i < uploads; i++) {
                int n = i;
                done.add(threads.submit(() -> {
                    Path staged = staging.newFile();
                    Files.write(staged, new byte[] {(byte) n});
                    together.await();
                    store.store(staged, "ef/01/ef01-" + n + ".wav");
                    return null;
                }));
            }
            for (Future<?> upload : done) {
                upload.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        for (int i = 0; i < uploads; i++) {
            assertThat(Files.readAllBytes(store.localFile("ef/01/ef01-" + i + ".wav").orElseThrow()))
                    .containsExactly((byte) i);
        }
    }

    /**
     * Upload A made the folder and is about to sync its entry into the parent; upload B lands in that folder in that
     * moment. On a filesystem without a journal B's own syncs do not make A's mkdir durable, so B syncs the folder's
     * entry itself before it returns (before it is acknowledged).
     */
    @Test
    void anUploadIntoAFolderNotYetSyncedSyncsItsEntryItself() throws Exception {
        StagingArea staging = new StagingArea(dir.resolve("staging"));
        CountDownLatch aHoldsTheParentSync = new CountDownLatch(1);
        CountDownLatch bReturned = new CountDownLatch(1);
        List<Path> syncedByB = new CopyOnWriteArrayList<>();
        Thread[] a = new Thread[1];
        FileSystemBlobStore store = new FileSystemBlobStore(dir.resolve("audio"), folder -> {
            if (Thread.currentThread() == a[0] && folder.endsWith("12")) { // A about to sync 12/34's entry in 12
                aHoldsTheParentSync.countDown();
                try {
                    assertThat(bReturned.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
            } else if (Thread.currentThread() != a[0]) {
                syncedByB.add(folder);
            }
            FileSync.directory(folder);
        });
        Path first = staging.newFile();
        Path second = staging.newFile();
        Files.write(first, new byte[] {1});
        Files.write(second, new byte[] {2});
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<?> uploadA = threads.submit(() -> {
                a[0] = Thread.currentThread();
                store.store(first, "12/34/1234-a.wav");
                return null;
            });
            assertThat(aHoldsTheParentSync.await(30, TimeUnit.SECONDS)).isTrue();
            store.store(second, "12/34/1234-b.wav");
            bReturned.countDown();
            uploadA.get(30, TimeUnit.SECONDS);
        } finally {
            bReturned.countDown();
            threads.shutdownNow();
        }
        Path folder = store.localFile("12/34/1234-b.wav").orElseThrow().getParent();
        assertThat(syncedByB).as("B synced its folder, and the folder's entry in its parent")
                .containsExactly(folder, folder.getParent());
        // once A has synced, the next upload into the folder is back to one sync
        syncedByB.clear();
        Path third = staging.newFile();
        Files.write(third, new byte[] {3});
        store.store(third, "12/34/1234-c.wav");
        assertThat(syncedByB).containsExactly(folder);
    }

    @Test
    void keysThatCouldNameAnotherPathAreRefused() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(dir.resolve("audio"));
        for (String key : new String[] {"../../etc/passwd", "/etc/passwd", "ab/cd/../../x.wav", "ab/cd/x.wav/../../y"}) {
            assertThatThrownBy(() -> store.localFile(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void sweepRemovesOnlyStagedFilesOlderThanTheGrace() throws Exception {
        StagingArea staging = new StagingArea(dir.resolve("staging"));
        Path old = staging.newFile();
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = staging.newFile();
        Path unrelated = Files.writeString(dir.resolve("staging").resolve("keep.txt"), "not a staged upload");
        assertThat(staging.sweep(Duration.ofHours(1))).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        assertThat(staging.sweep(Duration.ZERO)).isEqualTo(1);
        assertThat(fresh).doesNotExist();
        assertThat(unrelated).exists();
    }
}
