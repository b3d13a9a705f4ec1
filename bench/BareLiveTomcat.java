import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * The live bench's reference: Tomcat's WebSocket alone, with no application code, taking the same CT-e1 sessions
 * as CallVault (startRecord answered complete, binary frames, disconnect) and writing each session's frames to its
 * own file, with the same durability bound: one thread fsyncs every file written to in the last 200 ms, every
 * 200 ms. No authentication, database, journal, metrics or listeners. GET /stats answers the delay from a frame's
 * arrival to its fsync (p50, p99, in ms) and the bytes written.
 *
 * <p>{@code java -cp 'lib/*' BareLiveTomcat.java PORT FOLDER}
 */
public class BareLiveTomcat {

    static final Pattern RECORD_ID = Pattern.compile("\"recordId\"\\s*:\\s*\"([^\"]+)\"");
    static final Map<Session, Sink> SINKS = new ConcurrentHashMap<>();
    static final List<Long> LAGS = Collections.synchronizedList(new ArrayList<>());
    static final AtomicLong BYTES = new AtomicLong();
    static Path folder;

    /** One session's file and the arrival of its oldest frame not yet fsynced. */
    static final class Sink {
        final FileChannel channel;
        long position;
        volatile long oldestUnsynced;

        Sink(FileChannel channel) {
            this.channel = channel;
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        folder = Files.createDirectories(Path.of(args[1]));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("bare-live").toString());
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxConnections", "20000");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) -> {
            ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
            container.setDefaultMaxBinaryMessageBufferSize(128 * 1024);
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(Live.class,
                        "/general/v1/audio_streaming/audio/ws").build());
            } catch (jakarta.websocket.DeploymentException e) {
                throw new IllegalStateException(e);
            }
        }, null);
        Tomcat.addServlet(context, "stats", new Stats());
        context.addServletMappingDecoded("/stats", "stats");
        // a default servlet, so that a request's servlet path is its path (WsFilter matches endpoints on it)
        Tomcat.addServlet(context, "none", new HttpServlet() { });
        context.addServletMappingDecoded("/", "none");
        ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor();
        sync.scheduleWithFixedDelay(BareLiveTomcat::syncAll, 200, 200, TimeUnit.MILLISECONDS);
        tomcat.start();
        tomcat.getServer().await();
    }

    static void syncAll() {
        for (Sink sink : SINKS.values()) {
            long oldest = sink.oldestUnsynced;
            if (oldest == 0) {
                continue;
            }
            sink.oldestUnsynced = 0;
            try {
                sink.channel.force(false);
                LAGS.add(System.nanoTime() - oldest);
            } catch (IOException e) {
                // the session closed meanwhile (its file was fsynced on close)
            }
        }
    }

    public static final class Live extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                try {
                    if (text.contains("\"startRecord\"")) {
                        Matcher id = RECORD_ID.matcher(text);
                        String name = id.find() ? id.group(1) : session.getId();
                        FileChannel channel = FileChannel.open(folder.resolve(name + ".raw"), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                        channel.force(true);
                        SINKS.put(session, new Sink(channel));
                        session.getBasicRemote().sendText("{\"type\":\"startRecord\",\"status\":\"complete\"}");
                    } else if (text.contains("\"disconnect\"")) {
                        session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) audio -> {
                Sink sink = SINKS.get(session);
                if (sink == null) {
                    return;
                }
                try {
                    int length = audio.remaining();
                    while (audio.hasRemaining()) {
                        sink.position += sink.channel.write(audio, sink.position);
                    }
                    BYTES.addAndGet(length);
                    if (sink.oldestUnsynced == 0) {
                        sink.oldestUnsynced = System.nanoTime();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            Sink sink = SINKS.remove(session);
            if (sink != null) {
                try {
                    sink.channel.force(false);
                    sink.channel.close();
                } catch (IOException e) {
                    // nothing more to keep
                }
            }
        }
    }

    static final class Stats extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            List<Long> lags;
            synchronized (LAGS) {
                lags = new ArrayList<>(LAGS);
            }
            Collections.sort(lags);
            double p50 = lags.isEmpty() ? 0 : lags.get(lags.size() / 2) / 1e6;
            double p99 = lags.isEmpty() ? 0 : lags.get(Math.min(lags.size() - 1, (int) (lags.size() * 0.99))) / 1e6;
            response.setContentType("application/json");
            response.getOutputStream().write(String.format("{\"p50\":%.1f,\"p99\":%.1f,\"bytes\":%d}", p50, p99,
                    BYTES.get()).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
