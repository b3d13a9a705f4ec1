import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay bench's call and listeners: one CT-e1 call of MINUTES of stereo PCMU 8 kHz sent to node A faster than
 * real time, then listeners from the start ({@code ?from=start}) timed until they have heard the whole call: first one
 * on node A (its own file), then one on node B (each piece asked of node A through Redis), ROUNDS times each.
 *
 * <p>{@code java RelayReplay.java PORT_A PORT_B KEY TENANT MINUTES ROUNDS} prints one JSON line.
 */
public class RelayReplay {

    /** 2 s of stereo PCMU 8 kHz a frame: a server takes at most 500 frames a second, each at most 64 KiB. */
    static final int FRAME = 32_000;

    public static void main(String[] args) throws Exception {
        int portA = Integer.parseInt(args[0]);
        int portB = Integer.parseInt(args[1]);
        String key = args[2];
        String tenant = args[3];
        int minutes = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        HttpClient http = HttpClient.newHttpClient();
        long callId = System.currentTimeMillis() % 1_000_000_000L;

        Texts platformTexts = new Texts();
        WebSocket platform = http.newWebSocketBuilder().header("Authorization", key)
                .buildAsync(URI.create("ws://127.0.0.1:" + portA + "/general/v1/audio_streaming/audio/ws"), platformTexts)
                .get(10, TimeUnit.SECONDS);
        platform.sendText("{\"type\":\"startRecord\",\"recordId\":\"relay\",\"sessionId\":" + callId
                + ",\"codec\":\"PCMU\",\"sampleRate\":8000,\"channels\":2}", true).get(10, TimeUnit.SECONDS);
        String answer = platformTexts.next();
        if (!answer.contains("complete")) {
            throw new IllegalStateException("startRecord refused: " + answer);
        }
        byte[] frame = new byte[FRAME];
        for (int i = 0; i < FRAME; i++) {
            frame[i] = (byte) (0x80 | (i * 7 & 0x7F));
        }
        long frames = minutes * 60L / 2;
        long sent = frames * FRAME;
        long t0 = System.nanoTime();
        for (long i = 0; i < frames; i++) {
            platform.sendBinary(ByteBuffer.wrap(frame), true).get(10, TimeUnit.SECONDS);
            if (i % 200 == 199) {
                Thread.sleep(500); // within the server's allowance of frames a second
            }
        }
        double sendSeconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf("sent %d bytes (%d min) in %.1f s%n", sent, minutes, sendSeconds);
        Thread.sleep(2_000); // node A has written all of it to its session's file

        String live = "/v1/tenants/" + tenant + "/calls/" + callId + "/live?from=start";
        StringBuilder json = new StringBuilder("{\"bytes\":" + sent + ",\"minutes\":" + minutes);
        for (String node : new String[] {"local", "relayed"}) {
            int port = node.equals("local") ? portA : portB;
            json.append(",\"").append(node).append("\":[");
            for (int r = 0; r < rounds; r++) {
                double seconds = listen(http, port, live, key, sent);
                System.err.printf("%s listener, round %d: the whole call in %.2f s%n", node, r + 1, seconds);
                json.append(r == 0 ? "" : ",").append(String.format("%.3f", seconds));
            }
            json.append("]");
        }
        platform.sendText("{\"type\":\"disconnect\",\"reason\":\"end\"}", true).get(10, TimeUnit.SECONDS);
        System.out.println(json.append("}"));
    }

    /** Seconds from the upgrade's answer to the last of {@code bytes} heard. */
    static double listen(HttpClient http, int port, String path, String key, long bytes) throws Exception {
        AtomicLong heard = new AtomicLong();
        CountDownLatch whole = new CountDownLatch(1);
        WebSocket.Listener counting = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                if (heard.addAndGet(data.remaining()) >= bytes) {
                    whole.countDown();
                }
                socket.request(1);
                return null;
            }
        };
        long t0 = System.nanoTime();
        WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + key)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + path), counting).get(10, TimeUnit.SECONDS);
        if (!whole.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("heard " + heard.get() + " of " + bytes + " bytes in 10 minutes");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        return seconds;
    }

    /** The platform's text frames, one at a time. */
    static final class Texts implements WebSocket.Listener {

        private final java.util.concurrent.BlockingQueue<String> texts = new java.util.concurrent.LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        String next() throws InterruptedException {
            String text = texts.poll(10, TimeUnit.SECONDS);
            if (text == null) {
                throw new IllegalStateException("no answer from the server in 10 s");
            }
            return text;
        }
    }
}
