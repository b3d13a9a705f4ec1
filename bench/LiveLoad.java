import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The live bench's platform: N CT-e1 audio sessions to one server, each sending a 20 ms frame of stereo PCMU 8 kHz
 * (320 bytes) every 20 ms in real time for the given seconds, then {"type":"disconnect"}. Sessions start spread
 * over the ramp-up. The client is one thread writing pre-built WebSocket frames on plain sockets (a zero masking
 * key, which RFC 6455 allows), so that it costs the shared cores as little as possible.
 *
 * <p>{@code java LiveLoad.java HOST PORT KEY SESSIONS SECONDS RAMP_SECONDS RUN_ID} prints one JSON line:
 * sessions opened, frames and bytes sent, sessions refused, frames sent late (more than 20 ms behind schedule).
 */
public class LiveLoad {

    static final int FRAME = 320;

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String key = args[2];
        int sessions = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int ramp = Integer.parseInt(args[5]);
        String run = args[6];
        byte[] audio = new byte[FRAME];
        for (int i = 0; i < FRAME; i++) {
            audio[i] = (byte) (0x80 | (i * 7 & 0x7F));
        }
        ByteBuffer frame = ByteBuffer.wrap(frame(2, audio));
        List<SocketChannel> open = new ArrayList<>();
        List<Long> started = new ArrayList<>();
        int refused = 0;
        long frames = 0;
        long late = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (ramp + seconds) * 1_000_000_000L;
        int next = 0;
        long tick = t0;
        while (true) {
            long now = System.nanoTime();
            // open the sessions whose turn has come
            while (next < sessions && now - t0 >= (long) next * ramp * 1_000_000_000L / sessions) {
                try {
                    open.add(connect(host, port, key, run, next));
                    started.add(now);
                } catch (IOException e) {
                    refused++;
                    System.err.println("session " + next + ": " + e.getMessage());
                }
                next++;
            }
            for (int i = 0; i < open.size(); i++) {
                SocketChannel channel = open.get(i);
                if (channel == null || now - started.get(i) > (long) seconds * 1_000_000_000L) {
                    continue;
                }
                frame.rewind();
                try {
                    while (frame.hasRemaining()) {
                        channel.write(frame);
                    }
                    frames++;
                } catch (IOException e) {
                    open.set(i, null);
                    refused++;
                }
            }
            if (now > end) {
                break;
            }
            tick += 20_000_000L;
            long wait = tick - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } else if (wait < -20_000_000L) {
                late += open.size();
            }
        }
        byte[] disconnect = frame(1, "{\"type\":\"disconnect\",\"reason\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
        for (SocketChannel channel : open) {
            if (channel != null) {
                try {
                    channel.write(ByteBuffer.wrap(disconnect));
                } catch (IOException ignored) {
                    // counted as refused already
                }
            }
        }
        Thread.sleep(3000);
        for (SocketChannel channel : open) {
            if (channel != null) {
                channel.close();
            }
        }
        System.out.printf("{\"sessions\":%d,\"frames\":%d,\"bytes\":%d,\"refused\":%d,\"late\":%d}%n", open.size(),
                frames, frames * FRAME, refused, late);
    }

    /** Upgrade, then startRecord, answered complete. */
    static SocketChannel connect(String host, int port, String key, String run, int index) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
        Socket socket = channel.socket();
        socket.setTcpNoDelay(true);
        String request = "GET /general/v1/audio_streaming/audio/ws HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(String.format("bench-key-%06d", index).getBytes())
                + "\r\nAuthorization: " + key + "\r\n\r\n";
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 101")) {
            channel.close();
            throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
        }
        String start = "{\"type\":\"startRecord\",\"recordId\":\"" + run + "-" + index + "\",\"sessionId\":"
                + (9_000_000L + Long.parseLong(run) * 10_000 + index)
                + ",\"codec\":\"PCMU\",\"sampleRate\":8000,\"channels\":2}";
        channel.write(ByteBuffer.wrap(frame(1, start.getBytes(StandardCharsets.UTF_8))));
        String answer = readTextFrame(in);
        if (!answer.contains("complete")) {
            channel.close();
            throw new IOException("startRecord refused: " + answer);
        }
        return channel;
    }

    /** A masked client frame with a zero masking key: the payload goes as it is. */
    static byte[] frame(int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        }
        out.writeBytes(new byte[4]);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the upgrade");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    static String readTextFrame(InputStream in) throws IOException {
        int first = in.read();
        int length = in.read() & 0x7F;
        if (first < 0) {
            throw new IOException("connection closed");
        }
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
