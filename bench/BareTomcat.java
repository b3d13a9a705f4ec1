import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The bench's measure of what Tomcat alone can do on this machine: the Tomcat CallVault's jar carries, with
 * CallVault's connector settings, and no application code at all (no authentication, lookup, audit row, hash,
 * audio check or database). GET /audio/{key} answers one {@code Range: bytes=a-b} by sendfile, as CallVault
 * does; PUT stores the body as CallVault does (128 KB writes, fsync, rename, fsync of the folder). A scenario
 * where this server is below a target shows the target is out of reach of any servlet on this machine.
 *
 * <p>A PUT under {@code /v1/tenants/sha256/} also hashes the body while storing it and answers its SHA-256, which
 * the contract's 201 carries: Tomcat alone doing the one piece of work any conforming server must add, and
 * nothing else.
 *
 * <p>A PUT under {@code /v1/tenants/row/} also hashes the body and, before it answers, commits the two rows
 * CallVault's catalog takes for an upload (a new call's row and the recording's, with CallVault's own SQL, in one
 * transaction) in the PostgreSQL schema of the JDBC URL given: what the durability rule adds, nothing else (no
 * framework, no pool library, no authentication, no audio check).
 *
 * <p>Run from source, with the jars run.sh takes out of the built jar: {@code java -cp 'lib/*' BareTomcat.java
 * PORT AUDIO_ROOT UPLOAD_FOLDER [JDBC_URL]}.
 */
public class BareTomcat {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path audio = Path.of(args[1]).toAbsolutePath().normalize();
        Path uploads = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("bare-tomcat").toString());
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        // as CallVault's application.yml sets them
        connector.setProperty("maxKeepAliveRequests", "1000");
        connector.setProperty("connectionTimeout", "20000");
        connector.setProperty("keepAliveTimeout", "20000");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Catalog catalog = args.length > 3 ? new Catalog(args[3], 8) : null;
        Tomcat.addServlet(context, "bare", new Bare(audio, uploads, catalog));
        context.addServletMappingDecoded("/*", "bare");
        tomcat.start();
        tomcat.getServer().await();
    }

    static final class Bare extends HttpServlet {

        private final Path audio;
        private final Path uploads;
        private final AtomicLong count = new AtomicLong();
        private final Catalog catalog;

        Bare(Path audio, Path uploads, Catalog catalog) {
            this.audio = audio;
            this.uploads = uploads;
            this.catalog = catalog;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String uri = request.getRequestURI();
            Path file = audio.resolve(uri.substring(Math.min(uri.length(), "/audio/".length()))).normalize();
            if (!uri.startsWith("/audio/") || !file.startsWith(audio) || !Files.isRegularFile(file)) {
                response.sendError(404);
                return;
            }
            long size = Files.size(file);
            long start = 0;
            long end = size - 1;
            String range = request.getHeader("Range");
            if (range != null && range.startsWith("bytes=")) {
                String[] bounds = range.substring("bytes=".length()).split("-", 2);
                start = Long.parseLong(bounds[0]);
                end = Math.min(end, Long.parseLong(bounds[1]));
                response.setStatus(206);
                response.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
            response.setContentType("audio/wav");
            response.setHeader("Accept-Ranges", "bytes");
            response.setContentLengthLong(end - start + 1);
            request.setAttribute("org.apache.tomcat.sendfile.filename", file.toString());
            request.setAttribute("org.apache.tomcat.sendfile.start", start);
            request.setAttribute("org.apache.tomcat.sendfile.end", end + 1);
        }

        @Override
        protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
            boolean row = catalog != null && request.getRequestURI().startsWith("/v1/tenants/row/");
            MessageDigest digest = row || request.getRequestURI().startsWith("/v1/tenants/sha256/") ? sha256() : null;
            long n = count.incrementAndGet();
            Path staged = uploads.resolve(n + ".part");
            byte[] buffer = new byte[128 * 1024];
            long total = 0;
            try (InputStream in = request.getInputStream();
                    FileChannel out = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                int filled;
                while ((filled = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                    if (digest != null) {
                        digest.update(buffer, 0, filled);
                    }
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, filled);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    total += filled;
                }
                out.force(true);
            }
            Files.move(staged, uploads.resolve(n + ".wav"), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel folder = FileChannel.open(uploads, StandardOpenOption.READ)) {
                folder.force(true);
            }
            String sha256 = digest == null ? null : HexFormat.of().formatHex(digest.digest());
            if (row) {
                try {
                    catalog.add(n, total, sha256);
                } catch (SQLException | InterruptedException e) {
                    throw new IOException(e);
                }
            }
            response.setStatus(201);
            response.setContentType("application/json");
            response.getWriter().write("{\"fileSize\":" + total
                    + (sha256 == null ? "" : ",\"sha256\":\"" + sha256 + "\"") + "}");
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The two rows CallVault commits for an upload of a new call's first segment, with its SQL, on connections of
     * their own (one per upload in flight, as CallVault's pool has them): tenant {@code bench}, calls {@code tr-…}.
     */
    static final class Catalog {

        private static final String CALL = """
                insert into calls (tenant_id, id, sort_time, created_at, updated_at) select ?, ?, ?, ?, ?
                where not exists (select 1 from calls where tenant_id = ? and id = ?)""";
        private static final String RECORDING = """
                insert into recordings (id, tenant_id, call_id, record_id, state, device_id, start_time, end_time,
                  store, storage_key, file_size, sha256, format, encoding, channels, sample_rate, bits_per_sample,
                  duration_ms, data_offset, data_length, created_at, vendor_record_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

        private final BlockingQueue<Connection> connections;
        private final String run = Long.toString(System.currentTimeMillis(), 36);

        Catalog(String url, int size) throws SQLException {
            connections = new ArrayBlockingQueue<>(size);
            for (int i = 0; i < size; i++) {
                Connection connection = DriverManager.getConnection(url);
                connection.setAutoCommit(false);
                connections.add(connection);
            }
        }

        void add(long n, long size, String sha256) throws SQLException, InterruptedException {
            Connection connection = connections.take();
            try (PreparedStatement call = connection.prepareStatement(CALL);
                    PreparedStatement recording = connection.prepareStatement(RECORDING)) {
                String callId = "tr-" + run + "-" + n;
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                call.setString(1, "bench");
                call.setString(2, callId);
                call.setObject(3, now);
                call.setObject(4, now);
                call.setObject(5, now);
                call.setString(6, "bench");
                call.setString(7, callId);
                call.executeUpdate();
                UUID id = UUID.randomUUID();
                Object[] values = {id.toString(), "bench", callId, 1, "Success", null, null, null, "filesystem",
                        "tr/" + id + ".wav", size, sha256, "wav", "pcm", 1, 8000, 16, size / 16, 44, size - 44, now, null};
                for (int i = 0; i < values.length; i++) {
                    recording.setObject(i + 1, values[i]);
                }
                recording.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connections.add(connection);
            }
        }
    }
}
