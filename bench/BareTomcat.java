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
import java.util.HexFormat;
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
 * <p>Run from source, with the jars run.sh takes out of the built jar: {@code java -cp 'lib/*' BareTomcat.java
 * PORT AUDIO_ROOT UPLOAD_FOLDER}.
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
        Tomcat.addServlet(context, "bare", new Bare(audio, uploads));
        context.addServletMappingDecoded("/*", "bare");
        tomcat.start();
        tomcat.getServer().await();
    }

    static final class Bare extends HttpServlet {

        private final Path audio;
        private final Path uploads;
        private final AtomicLong count = new AtomicLong();

        Bare(Path audio, Path uploads) {
            this.audio = audio;
            this.uploads = uploads;
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
            MessageDigest digest = request.getRequestURI().startsWith("/v1/tenants/sha256/") ? sha256() : null;
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
            response.setStatus(201);
            response.setContentType("application/json");
            response.getWriter().write("{\"fileSize\":" + total
                    + (digest == null ? "" : ",\"sha256\":\"" + HexFormat.of().formatHex(digest.digest()) + "\"") + "}");
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
