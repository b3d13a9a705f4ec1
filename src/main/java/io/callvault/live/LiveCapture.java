package io.callvault.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.catalog.RecordingId;
import io.callvault.catalog.RecordingState;
import io.callvault.server.CallVaultProperties;
import io.callvault.server.OwnerOnly;
import io.callvault.server.Sha256;
import io.callvault.storage.BlobStore;
import io.callvault.storage.BlobStores;
import io.callvault.storage.FileSync;
import io.callvault.storage.StorageKey;
import io.callvault.tenancy.TenantId;
import io.callvault.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The live-recording core every protocol adapter drives: {@link #open} makes a session a recording in state
 * {@code Recording} (visible at once), the adapter writes audio to the {@link LiveSession}, and {@link #finish}
 * turns it into a stored WAV in state {@code Success} or {@code Interrupted}.
 *
 * <p>Durability: session files live in {@code <data>/live} on this node; one {@link LiveJournal} fsynced every
 * sync interval (200 ms) holds the same audio for all sessions, and a checkpoint every ten seconds fsyncs the
 * session files so that the journal can be trimmed. A restart replays the journal into the session files and
 * finishes each as {@code Interrupted}, then stores it like any other recording (on S3 too). A session lives on
 * the node that took its connection.
 */
@Service
public class LiveCapture {

    private static final Logger log = LoggerFactory.getLogger(LiveCapture.class);

    private final Catalog catalog;
    private final LiveSessionRepository liveSessions;
    private final TransactionTemplate tx;
    private final BlobStores stores;
    private final Clock clock;
    private final Path folder;
    private final String node;
    private final Duration idleTimeout;
    private final Duration storeRetryInterval;
    private final LiveMeters meters;
    private final Map<UUID, LiveSession> sessions = new ConcurrentHashMap<>();
    private final Map<UUID, String> protocols = new ConcurrentHashMap<>();
    /** Sessions that ended but that the store or the database refused: tried again every retry interval. */
    private final Map<UUID, Unstored> unstored = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final LiveJournal journal;
    /** Held while the server runs: one server per live folder (a second one would corrupt the journal). */
    private final FileChannel lock;
    private volatile boolean stopping;

    public LiveCapture(Catalog catalog, LiveSessionRepository liveSessions, TransactionTemplate tx, BlobStores stores,
            Clock clock,
            CallVaultProperties properties, MeterRegistry registry,
            @Value("${callvault.live.sync-interval:200ms}") Duration syncInterval,
            @Value("${callvault.live.checkpoint-interval:10s}") Duration checkpointInterval,
            @Value("${callvault.live.progress-interval:5s}") Duration progressInterval,
            @Value("${callvault.live.idle-timeout:60s}") Duration idleTimeout,
            @Value("${callvault.live.store-retry-interval:30s}") Duration storeRetryInterval,
            @Value("${callvault.live.dir:}") String liveDir,
            @Value("${callvault.command:}") String command) throws IOException {
        this.catalog = catalog;
        this.liveSessions = liveSessions;
        this.tx = tx;
        this.stores = stores;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.storeRetryInterval = storeRetryInterval;
        this.folder = OwnerOnly.folders(liveDir.isBlank() ? properties.dataDir().resolve("live") : Path.of(liveDir))
                .toRealPath();
        this.node = LiveNode.id(folder);
        this.meters = new LiveMeters(registry, sessions::size);
        if (!command.isBlank()) {
            // a command run beside a server takes no live sessions and must not touch that server's
            this.lock = null;
            this.journal = null;
            this.timers = null;
            this.stopping = true;
            return;
        }
        this.lock = lock(folder);
        Path journalFolder = folder.resolve("journal");
        recover(journalFolder);
        this.journal = new LiveJournal(journalFolder);
        this.timers = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "live-capture");
            thread.setDaemon(true);
            return thread;
        });
        long sync = syncInterval.toMillis();
        timers.scheduleWithFixedDelay(this::sync, sync, sync, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::checkpoint, checkpointInterval.toMillis(), checkpointInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::reportProgress, progressInterval.toMillis(), progressInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::endIdle, 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(this::storeAgain, storeRetryInterval.toMillis(), storeRetryInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a live session: its file made durable, then its call created or updated and its recording row
     * committed in state {@code Recording}. Only then may the adapter acknowledge the session.
     */
    public LiveSession open(LiveStart start) throws IOException, LiveRefusedException {
        if (stopping) {
            throw new LiveRefusedException("the server is shutting down");
        }
        if (start.vendorRecordId() != null
                && catalog.vendorRecordIdTaken(TenantId.of(start.tenantId()), CallId.of(start.callId()), start.vendorRecordId())) {
            throw new LiveRefusedException("recordId " + start.vendorRecordId() + " of session " + start.callId()
                    + " is already recorded");
        }
        UUID id = UUID.randomUUID();
        Path file = OwnerOnly.newFile(folder.resolve(id + ".wav"));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            channel.write(ByteBuffer.wrap(start.format().header(0)), 0);
            channel.force(true);
            FileSync.directory(folder);
            Instant now = clock.instant();
            int recordId = insertRow(id, start, now);
            LiveSession session = new LiveSession(id, start.tenantId(), start.callId(), recordId, start.format(), now,
                    file, channel, journal, meters);
            sessions.put(id, session);
            protocols.put(id, start.protocol());
            log.info("live session started: protocol={} tenant={} call={} recording={} segment={} format={}/{}/{}",
                    start.protocol(), start.tenantId(), start.callId(), id, recordId, start.format().codec(),
                    start.format().sampleRate(), start.format().channels());
            return session;
        } catch (IOException | LiveRefusedException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Commits the row under the call's next segment number, trying the next one when a concurrent session took it. */
    private int insertRow(UUID id, LiveStart start, Instant now) throws LiveRefusedException {
        for (int attempt = 0; ; attempt++) {
            int recordId = catalog.nextRecordId(TenantId.of(start.tenantId()), CallId.of(start.callId()));
            Recording row = new Recording(id.toString(), start.tenantId(), start.callId(), recordId,
                    RecordingState.Recording, start.deviceId(), now, null, stores.active().name(), null,
                    start.format().headerLength(), null, start.format().info(0), now, start.vendorRecordId());
            try {
                catalog.upsertCall(TenantId.of(start.tenantId()), CallId.of(start.callId()), start.details());
                tx.executeWithoutResult(status -> {
                    catalog.insertRecording(row);
                    liveSessions.insert(row.id(), row.tenantId(), node, start.protocol(), now);
                });
                return recordId;
            } catch (DuplicateKeyException raced) {
                if (start.vendorRecordId() != null && catalog.vendorRecordIdTaken(TenantId.of(start.tenantId()), CallId.of(start.callId()),
                        start.vendorRecordId()) || attempt >= 5) {
                    throw new LiveRefusedException("recordId " + start.vendorRecordId() + " of session "
                            + start.callId() + " is already recorded");
                }
            } catch (ApiException e) {
                throw new LiveRefusedException(e.getMessage());
            }
        }
    }

    /**
     * Ends the session: its audio becomes a WAV in the store and its row {@code state}. Once per session; a
     * failure to store leaves the file and the row for the next start to finish.
     */
    public void finish(LiveSession session, RecordingState state) {
        if (!sessions.remove(session.id(), session)) {
            return;
        }
        String protocol = protocols.remove(session.id());
        long dataBytes = session.close();
        Instant end = state == RecordingState.Success ? clock.instant()
                : session.startedAt().plusMillis(session.format().durationMs(dataBytes));
        try {
            store(session.id(), session.channel(), session.file(), session.format(), dataBytes, session.startedAt(),
                    end, state);
            meters.ended(protocol, state.name());
            log.info("live session ended: protocol={} tenant={} call={} recording={} state={} duration={}ms",
                    protocol, session.tenantId(), session.callId(), session.id(), state,
                    session.format().durationMs(dataBytes));
        } catch (IOException | RuntimeException e) {
            meters.ended(protocol, "unstored");
            unstored.put(session.id(), new Unstored(session.id(), session.file(), session.format(), dataBytes,
                    session.startedAt(), end, state));
            log.error("live recording {} could not be stored ({}); its file stays here, and storing it is tried again"
                    + " every {} s", session.id(), e.toString(), storeRetryInterval.toSeconds());
        } finally {
            session.ended(state);
        }
    }

    /** A session that ended and is still to be stored, with all its end needs. */
    private record Unstored(UUID id, Path file, LiveFormat format, long dataBytes, Instant start, Instant end,
            RecordingState state) {
    }

    /**
     * Stores again what the store or the database refused at a session's end (an object store down for a while),
     * with the state the session ended in: the recording becomes playable once they take it, not at the next start.
     */
    private void storeAgain() {
        for (Unstored session : unstored.values()) {
            if (stopping) {
                return; // the next start finishes it
            }
            try {
                FileChannel channel = FileChannel.open(session.file(), StandardOpenOption.READ, StandardOpenOption.WRITE);
                store(session.id(), channel, session.file(), session.format(), session.dataBytes(), session.start(),
                        session.end(), session.state());
                unstored.remove(session.id());
                log.info("live recording {} stored now, after the store had refused it; state={}", session.id(),
                        session.state());
            } catch (java.nio.file.NoSuchFileException stored) {
                // the store took the file, and the database refused the row: the blob is what is committed now
                try {
                    if (finishFromStore(session.id(), session.start(), session.end(), session.state())) {
                        unstored.remove(session.id());
                        log.info("live recording {} committed now, after the database had refused it; state={}",
                                session.id(), session.state());
                    }
                } catch (IOException | RuntimeException e) {
                    log.debug("live recording {} still could not be committed: {}", session.id(), e.toString());
                }
            } catch (IOException | RuntimeException e) {
                log.debug("live recording {} still could not be stored: {}", session.id(), e.toString());
            }
        }
    }

    /** The live session of this recording, when it is being captured on this node. */
    public Optional<LiveSession> find(String tenantId, String recordingId) {
        try {
            return Optional.ofNullable(sessions.get(UUID.fromString(recordingId)))
                    .filter(session -> session.tenantId().equals(tenantId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The call's sessions being captured on this node, oldest first. */
    public List<LiveSession> ofCall(String tenantId, String callId) {
        return sessions.values().stream()
                .filter(session -> session.tenantId().equals(tenantId) && session.callId().equals(callId))
                .sorted(java.util.Comparator.comparingInt(LiveSession::recordId)).toList();
    }

    public void listenerDropped() {
        meters.listenerDropped();
    }

    /** Finishes the WAV header, fsyncs, hashes, stores the file and commits the row. */
    private void store(UUID id, FileChannel channel, Path file, LiveFormat format, long dataBytes, Instant start,
            Instant end, RecordingState state) throws IOException {
        long whole = dataBytes - dataBytes % format.frameBytes();
        try (channel) {
            channel.write(ByteBuffer.wrap(format.header(whole)), 0);
            channel.truncate(format.headerLength() + whole);
            channel.force(true);
        }
        String sha256 = sha256(Files.newInputStream(file));
        long size = format.headerLength() + whole;
        BlobStore store = stores.active();
        String key = StorageKey.of(id, "wav");
        store.store(file, key);
        commit(id, format, whole, size, sha256, store.name(), key, end, state);
    }

    private void commit(UUID id, LiveFormat format, long dataBytes, long size, String sha256, String store, String key,
            Instant end, RecordingState state) {
        Recording finished = new Recording(id.toString(), null, null, 0, state, null, null, end, store, key, size,
                sha256, format.info(dataBytes), null, null);
        boolean kept = Boolean.TRUE.equals(tx.execute(status -> {
            liveSessions.delete(id.toString());
            return catalog.finishLive(finished);
        }));
        if (!kept) {
            log.warn("live recording {} was deleted while it was captured; its audio is left to the orphan sweep", id);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (in) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return Sha256.hex(digest);
    }

    // Periodic work, on the capture's own two threads.

    private void sync() {
        try {
            long lag = journal.sync();
            if (lag >= 0) {
                meters.synced(lag);
            }
        } catch (IOException | RuntimeException e) {
            log.error("live journal sync failed: live audio is not durable until it succeeds: {}", e.toString());
        }
    }

    private void checkpoint() {
        try {
            long first = journal.rotate();
            for (LiveSession session : sessions.values()) {
                try {
                    session.channel().force(false);
                } catch (java.nio.channels.ClosedChannelException ended) {
                    // finished meanwhile: its file was fsynced when it was finished
                }
            }
            journal.deleteBefore(first);
        } catch (IOException | RuntimeException e) {
            log.error("live checkpoint failed (the journal keeps growing until one succeeds): {}", e.toString());
        }
    }

    private void reportProgress() {
        try {
            Map<LiveSession, Long> grown = new HashMap<>();
            for (LiveSession session : sessions.values()) {
                long bytes = session.grownTo();
                if (bytes >= 0) {
                    grown.put(session, bytes);
                }
            }
            if (!grown.isEmpty()) {
                // one commit for all sessions' rows
                tx.executeWithoutResult(status -> grown.forEach((session, bytes) -> catalog.growLive(
                        RecordingId.of(session.recordingId()), session.format().headerLength() + bytes,
                        session.format().durationMs(bytes))));
            }
        } catch (RuntimeException e) {
            log.warn("live progress not recorded: {}", e.toString());
        }
    }

    /**
     * How long a live connection may stay silent: a platform's before its session ends, a listener's before Tomcat
     * closes it.
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    private void endIdle() {
        for (LiveSession session : sessions.values()) {
            if (session.silentForNanos() > idleTimeout.toNanos()) {
                try {
                    session.cutOff("nothing received for " + idleTimeout.toSeconds() + " s");
                } catch (RuntimeException e) {
                    log.debug("closing idle live session {}: {}", session.id(), e.toString());
                }
                finish(session, RecordingState.Interrupted);
            }
        }
    }

    private static FileChannel lock(Path folder) throws IOException {
        Path file = folder.resolve("lock");
        if (!Files.exists(file)) {
            OwnerOnly.newFile(file);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        if (channel.tryLock() == null) {
            channel.close();
            throw new IllegalStateException("another CallVault server is using " + folder + ": each server needs its own"
                    + " data folder (or CALLVAULT_LIVE_DIR)");
        }
        return channel;
    }

    /** On shutdown: every session's connection is gone, so each ends {@code Interrupted} with what it has. */
    @PreDestroy
    void stop() throws IOException {
        if (journal == null) {
            return;
        }
        stopping = true;
        for (LiveSession session : sessions.values()) {
            try {
                session.cutOff("the server is shutting down");
            } catch (RuntimeException e) {
                log.debug("closing live session {} on shutdown: {}", session.id(), e.toString());
            }
            finish(session, RecordingState.Interrupted);
        }
        timers.shutdown();
        try {
            timers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.sync();
        journal.close();
        lock.close();
    }

    // Recovery at start: what a crash left of live sessions.

    private void recover(Path journalFolder) throws IOException {
        Map<UUID, FileChannel> files = new HashMap<>();
        try {
            long records = LiveJournal.replay(journalFolder, (session, offset, audio) -> {
                FileChannel channel = files.get(session);
                if (channel == null) {
                    Path file = folder.resolve(session + ".wav");
                    if (!Files.exists(file)) {
                        return; // finished and stored before the crash
                    }
                    channel = FileChannel.open(file, StandardOpenOption.WRITE);
                    files.put(session, channel);
                }
                long at = offset;
                while (audio.hasRemaining()) {
                    at += channel.write(audio, at);
                }
            });
            for (FileChannel channel : files.values()) {
                channel.force(true);
            }
            if (records > 0) {
                log.info("live journal replayed: {} record(s) into {} session file(s)", records, files.size());
            }
        } finally {
            for (FileChannel channel : files.values()) {
                channel.close();
            }
        }
        // this node's sessions that a crash cut short: their rows, and their files here or their blobs in the store
        Map<String, Recording> live = new HashMap<>();
        for (LiveSessionRepository.Row row : liveSessions.ofNode(node)) {
            Optional<Recording> recording = catalog.findRecording(TenantId.of(row.tenantId()), RecordingId.of(row.recordingId()))
                    .filter(r -> r.state() == RecordingState.Recording);
            if (recording.isPresent()) {
                live.put(row.recordingId(), recording.get());
            } else {
                liveSessions.delete(row.recordingId()); // deleted while live, or finished but for this row
            }
        }
        int finished = 0;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(folder, "*.wav")) {
            for (Path file : found) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - ".wav".length());
                Recording row = live.remove(id);
                if (row == null) {
                    Files.deleteIfExists(file); // never acknowledged, or deleted while live
                    continue;
                }
                finishInterrupted(row, file);
                finished++;
            }
        }
        for (Recording row : live.values()) {
            if (finishFromStore(row)) {
                finished++;
            } else {
                log.error("live recording {} of tenant {} has neither its file nor its blob; it stays Recording",
                        row.id(), row.tenantId());
            }
        }
        if (finished > 0) {
            log.info("live capture: {} session(s) cut short by the last stop finished as Interrupted", finished);
        }
        if (Files.isDirectory(journalFolder)) {
            try (DirectoryStream<Path> segments = Files.newDirectoryStream(journalFolder)) {
                for (Path segment : segments) {
                    Files.deleteIfExists(segment);
                }
            }
        }
    }

    private void finishInterrupted(Recording row, Path file) throws IOException {
        UUID id = UUID.fromString(row.id());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer header = ByteBuffer.allocate(64);
        channel.read(header, 0);
        Optional<LiveFormat> format = LiveFormat.ofHeader(java.util.Arrays.copyOf(header.array(), header.position()));
        if (format.isEmpty()) {
            channel.close();
            log.error("live file {} has no readable header; left in place", file);
            return;
        }
        long dataBytes = Math.max(0, channel.size() - format.get().headerLength());
        Instant start = row.startTime() != null ? row.startTime() : row.createdAt();
        store(id, channel, file, format.get(), dataBytes, start,
                start.plusMillis(format.get().durationMs(dataBytes)), RecordingState.Interrupted);
    }

    /** A crash between storing a finished session's file and committing its row: the blob is complete. */
    private boolean finishFromStore(Recording row) throws IOException {
        Instant start = row.startTime() != null ? row.startTime() : row.createdAt();
        return finishFromStore(UUID.fromString(row.id()), start, null, RecordingState.Interrupted);
    }

    /** Commits the row of a session whose blob is stored already; its end, when not known, from its length. */
    private boolean finishFromStore(UUID id, Instant start, Instant end, RecordingState state) throws IOException {
        BlobStore store = stores.active();
        String key = StorageKey.of(id, "wav");
        Optional<Long> size = store.size(key);
        if (size.isEmpty()) {
            return false; // another node's session, still live there
        }
        byte[] header;
        try (InputStream in = store.open(key, 0, Math.min(64, size.get()))) {
            header = in.readAllBytes();
        }
        Optional<LiveFormat> format = LiveFormat.ofHeader(header);
        if (format.isEmpty()) {
            return false;
        }
        long dataBytes = size.get() - format.get().headerLength();
        String sha256 = sha256(store.open(key, 0, size.get()));
        commit(id, format.get(), dataBytes, size.get(), sha256, store.name(), key,
                end != null ? end : start.plusMillis(format.get().durationMs(dataBytes)), state);
        return true;
    }
}
