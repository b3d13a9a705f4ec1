package io.callvault.live.listen;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.callvault.catalog.RecordingState;
import io.callvault.cluster.NodeChannels;
import io.callvault.live.LiveCapture;
import io.callvault.live.LiveFormat;
import io.callvault.live.LiveListener;
import io.callvault.live.LiveSession;
import io.callvault.web.ApiException;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A listener reaches a call captured by another node of the deployment through Redis (contract 6.4 on several
 * stateless nodes; nodes never connect to each other). The listener's node subscribes to the recording's channel,
 * then asks on {@value #WANTED} for it ({@code <tenant> <recording>}); the node capturing it starts publishing the session's audio there, each
 * message with its place in the recording, and a header saying the format and where the audio that follows starts.
 * It stops when no node listens any more, and publishes the end. What was captured before ({@code ?from=start}) is
 * read from the capturing node's file a piece at a time, asked on {@value #READ} and answered on the asking node's
 * own reply channel. Without Redis there is no other node to ask, and a call captured elsewhere stays a 409.
 *
 * <p>Messages on {@code callvault:live:audio:<recording>}: {@code H} offset(8) sampleRate(4) channels(1) codec, a
 * header; {@code A} offset(8) audio; {@code S} offset(8) length(8) sample(1), silence the platform left out (a
 * hold), told in a few bytes however long; {@code K}, the call goes on (every 5 s); {@code E} state, the end. Offsets
 * count bytes of audio from the recording's start.
 * On a node's reply channel: {@code R} request id(8) audio (none: nothing there).
 */
@Component
class LiveRelay {

    static final String WANTED = "callvault:live:wanted";
    static final String READ = "callvault:live:read";
    /** The most audio one read answers with. */
    private static final int MOST_READ = 64 * 1024;
    /** A capturing node that does not answer within this is taken to be gone. */
    private static final Duration ANSWER = Duration.ofSeconds(3);
    /** A relayed session no listener took this long after its handshake is let go. */
    private static final Duration UNCLAIMED = Duration.ofSeconds(30);
    /** A relayed session this quiet (no audio, no word that the call goes on) is asked for again. */
    private static final Duration ASK_AGAIN = Duration.ofSeconds(12);
    /** Sent every 5 s on a channel being published: the call goes on, even when it sends no audio. */
    private static final byte[] STILL_CAPTURING = {'K'};
    private static final Logger log = LoggerFactory.getLogger(LiveRelay.class);

    private final NodeChannels channels;
    private final LiveCapture capture;
    /**
     * A relayed session this node hears nothing of for this long, while it can hear, has lost its capturing node:
     * a session's own idle limit, and the five seconds the capturing node's word that the call goes on may take.
     */
    private final Duration silent;
    /** Sessions of this node whose audio is being published, by recording id. */
    private final Map<String, Publisher> publishing = new ConcurrentHashMap<>();
    /** Other nodes' sessions this node's listeners hear. */
    private final Set<RelayedSession> relayed = ConcurrentHashMap.newKeySet();
    private final AutoCloseable wanted;
    private final AutoCloseable reads;
    private final AutoCloseable replies;
    /** This node's channel for the answers to its reads of what other nodes captured before. */
    private final String replyChannel = "callvault:live:reply:" + UUID.randomUUID();
    private final AtomicLong requests = new AtomicLong();
    private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    /** Reads of this node's session files for other nodes: off the Redis client's thread, which must not wait. */
    private final ExecutorService readers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "live-relay-read");
        thread.setDaemon(true);
        return thread;
    });

    LiveRelay(NodeChannels channels, LiveCapture capture) {
        this.channels = channels;
        this.capture = capture;
        this.silent = capture.idleTimeout().plusSeconds(5);
        this.wanted = channels.subscribeWhenAble(WANTED, this::wanted);
        this.reads = channels.subscribeWhenAble(READ, message -> readers.execute(() -> read(message)));
        this.replies = channels.subscribeWhenAble(replyChannel, this::replied);
        channels.whenReconnected(this::askAgain);
    }

    static String channel(String recordingId) {
        return "callvault:live:audio:" + recordingId;
    }

    /** Whether a call captured by another node can be heard here. */
    boolean reachesOtherNodes() {
        return channels.isShared();
    }

    /**
     * The live audio of a recording another node captures, from its live edge: answers once that node has said
     * where the edge is, or refuses with 409 when no node answers for it (503 when Redis does not).
     */
    RelayedSession join(String tenantId, String callId, String recordingId) {
        RelayedSession session = new RelayedSession(tenantId, callId, recordingId, this::left, this::readElsewhere);
        try {
            session.subscription(channels.subscribe(channel(recordingId), session::received));
        } catch (IllegalStateException redisDown) {
            log.warn("live recording {}: no relay from another node ({})", recordingId, redisDown.getMessage());
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "call '" + callId + "' is being captured by another"
                    + " node of this deployment, and the deployment's Redis, which relays it, does not answer",
                    Duration.ofSeconds(5));
        }
        relayed.add(session);
        ask(tenantId, recordingId);
        if (!session.awaitHeader(ANSWER)) {
            left(session);
            throw ApiException.conflict("call '" + callId + "' is being captured by another node of this deployment,"
                    + " which did not answer");
        }
        return session;
    }

    private void left(RelayedSession session) {
        relayed.remove(session);
        session.unsubscribe();
    }

    /** Another node's listener wants a recording ({@code tenant recording}): if it is captured here, out it goes. */
    private void wanted(byte[] message) {
        String[] wanted = new String(message, StandardCharsets.UTF_8).split(" ", 2);
        if (wanted.length == 2) {
            capture.find(wanted[0], wanted[1]).ifPresent(session -> publishing
                    .computeIfAbsent(wanted[1], id -> new Publisher(session)).announce());
        }
    }

    /**
     * Audio another node captured, from its session's file: asked on {@value #READ}, answered on this node's reply
     * channel. One read at a time per listener, so a listener replaying from the start takes it at its own pace.
     */
    private byte[] readElsewhere(String tenantId, String recordingId, long dataOffset, int length) throws IOException {
        long id = requests.incrementAndGet();
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            channels.publish(READ, String.join(" ", tenantId, recordingId, Long.toString(dataOffset),
                    Integer.toString(Math.min(length, MOST_READ)), replyChannel, Long.toString(id))
                    .getBytes(StandardCharsets.UTF_8));
            return answer.get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading recording " + recordingId + " from its node");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the node capturing recording " + recordingId + " did not answer a read", e);
        } finally {
            pending.remove(id);
        }
    }

    /** A read another node asked for ({@code tenant recording offset length replyChannel id}), if captured here. */
    private void read(byte[] message) {
        String[] asked = new String(message, StandardCharsets.UTF_8).split(" ");
        long offset;
        int length;
        long id;
        try {
            offset = Long.parseLong(asked[2]);
            length = Math.max(0, Math.min(Integer.parseInt(asked[3]), MOST_READ));
            id = Long.parseLong(asked[5]);
        } catch (RuntimeException notARead) { // too few words, or not numbers: not a message of this version's
            return;
        }
        capture.find(asked[0], asked[1]).ifPresent(session -> {
            byte[] audio = new byte[0];
            try {
                ByteBuffer buffer = ByteBuffer.allocate(length);
                int read = session.read(buffer, offset);
                if (read > 0) {
                    audio = java.util.Arrays.copyOf(buffer.array(), read);
                }
            } catch (IOException | RuntimeException e) {
                log.info("live recording {}: a read for another node failed: {}", asked[1], e.toString());
            }
            channels.publish(asked[4], ByteBuffer.allocate(9 + audio.length).put((byte) 'R').putLong(id).put(audio)
                    .array());
        });
    }

    /** The answer to one of this node's reads: {@code R} id(8) audio. */
    private void replied(byte[] message) {
        ByteBuffer in = ByteBuffer.wrap(message);
        if (in.remaining() >= 9 && in.get() == 'R') {
            CompletableFuture<byte[]> answer = pending.get(in.getLong());
            if (answer != null) {
                byte[] audio = new byte[in.remaining()];
                in.get(audio);
                answer.complete(audio);
            }
        }
    }

    /**
     * Stops publishing what no node listens to any more, and tells the listening nodes that the rest is still being
     * captured (a paused call sends no audio); asks again for a relayed session that went quiet (its subscription
     * was lost with Redis for a while, and the capturing node, seeing no listener, stopped publishing); ends one
     * whose capturing node is gone.
     */
    @Scheduled(fixedDelay = 5_000)
    void housekeeping() {
        for (Publisher publisher : publishing.values()) {
            long checked = System.nanoTime();
            OptionalLong listening = channels.subscribers(publisher.channel);
            if (listening.isEmpty()) {
                continue; // Redis is away: publishing drops until it is back, then the listeners hear what they missed
            }
            if (listening.getAsLong() == 0) {
                // unless a listener asked for it since the count began
                publishing.computeIfPresent(publisher.session.recordingId(), (id, current) -> {
                    if (current != publisher || publisher.announcedAt - checked > 0) {
                        return current;
                    }
                    publisher.session.stopListening(publisher);
                    return null;
                });
            } else {
                channels.publish(publisher.channel, STILL_CAPTURING);
            }
        }
        // while this node cannot hear Redis, hearing nothing says nothing of the capturing nodes
        boolean hearing = channels.isHearing();
        for (RelayedSession session : relayed) {
            if (!hearing) {
                session.heardOf();
            }
            Duration quiet = session.silentFor();
            if (session.unclaimedFor(UNCLAIMED)) {
                left(session);
            } else if (quiet.compareTo(silent) > 0) {
                log.info("live recording {} relayed from another node: nothing heard for {} s, ended here",
                        session.recordingId(), silent.toSeconds());
                session.ended(RecordingState.Interrupted);
            } else if (quiet.compareTo(ASK_AGAIN) > 0) {
                ask(session.tenantId(), session.recordingId());
            }
        }
    }

    /**
     * This node's subscriptions are back after it lost Redis: the capturing nodes may have stopped publishing what
     * its listeners hear, having seen nobody listen. They are asked again at once; the audio published meanwhile is
     * heard as missed, and read.
     */
    private void askAgain() {
        relayed.forEach(session -> {
            session.heardOf();
            ask(session.tenantId(), session.recordingId());
        });
    }

    private void ask(String tenantId, String recordingId) {
        channels.publish(WANTED, (tenantId + " " + recordingId).getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void stop() throws Exception {
        for (AutoCloseable subscription : new AutoCloseable[] {wanted, reads, replies}) {
            subscription.close();
        }
        readers.shutdownNow();
    }

    /**
     * Publishes one session's audio, from the moment it was first wanted, with each piece's offset. The session
     * appends audio and calls its listeners under its own monitor (its synchronized methods), which orders a header
     * between two pieces of audio here too; this class takes no lock of its own, so there is no second lock to take
     * in the other order.
     */
    private final class Publisher implements LiveListener {

        private final LiveSession session;
        private final String channel;
        private long offset = -1;
        private volatile long announcedAt = System.nanoTime();

        Publisher(LiveSession session) {
            this.session = session;
            this.channel = channel(session.recordingId());
        }

        /** Starts listening if not yet, and says where the audio that follows starts (a new listener waits for it). */
        void announce() {
            announcedAt = System.nanoTime();
            LiveFormat format = session.format();
            byte[] codec = format.codec().getBytes(StandardCharsets.UTF_8);
            synchronized (session) {
                if (offset < 0) {
                    offset = session.listen(this);
                }
                channels.publish(channel, ByteBuffer.allocate(14 + codec.length).put((byte) 'H').putLong(offset)
                        .putInt(format.sampleRate()).put((byte) format.channels()).put(codec).array());
            }
        }

        /** Called by the session under its monitor. */
        @Override
        public void audio(ByteBuffer audio) {
            int length = audio.remaining();
            channels.publish(channel, ByteBuffer.allocate(9 + length).put((byte) 'A').putLong(offset).put(audio).array());
            offset += length;
        }

        /** Called by the session under its monitor. */
        @Override
        public void silence(long fromOffset, long toOffset, byte sample) {
            long length = toOffset - fromOffset;
            channels.publish(channel,
                    ByteBuffer.allocate(18).put((byte) 'S').putLong(offset).putLong(length).put(sample).array());
            offset += length;
        }

        @Override
        public void ended(RecordingState state) {
            publishing.remove(session.recordingId(), this);
            channels.publish(channel, ("E" + state.name()).getBytes(StandardCharsets.UTF_8));
        }
    }
}
