package io.callvault.delivery;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.callvault.server.Sha256;
import io.callvault.audit.AccessLog;
import io.callvault.audit.AccessEvent;
import io.callvault.storage.BlobStore;
import io.callvault.storage.BlobStores;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Answers an audio request (contract 5) for any surface: validators, conditional requests, one range, HEAD,
 * and the body streamed from storage. A single local file goes out through Tomcat's sendfile, from the page
 * cache to the socket without passing through the Java heap.
 */
@Component
public class AudioResponder {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AudioResponder.class);

    private static final String SENDFILE_SUPPORT = "org.apache.tomcat.sendfile.support";
    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    private final BlobStores stores;
    private final AccessLog accessLog;
    private final MeterRegistry meters;
    private final DeliveryProperties delivery;
    /** Registered once: a registry lookup per response showed in the range profile. */
    private final Map<AccessEvent.Via, Counter> bytesServed = new EnumMap<>(AccessEvent.Via.class);

    public AudioResponder(BlobStores stores, AccessLog accessLog, MeterRegistry meters, DeliveryProperties delivery) {
        this.delivery = delivery;
        this.stores = stores;
        this.accessLog = accessLog;
        this.meters = meters;
        for (AccessEvent.Via via : AccessEvent.Via.values()) {
            bytesServed.put(via, Counter.builder("callvault.bytes.served").description("Audio bytes sent to clients, by surface")
                    .baseUnit("bytes").tag("via", via.wireName()).register(meters));
        }
    }

    public void respond(AudioBody body, boolean download, AccessEvent read, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        boolean head = "HEAD".equals(request.getMethod());
        verifyStored(body, head);
        long size = body.length();
        String disposition = ContentDisposition.builder(download ? "attachment" : "inline").filename(body.filename())
                .build().toString();
        long lastModified = body.lastModified().toEpochMilli();
        Preconditions.Outcome precondition = Preconditions.evaluate(request, body.etag(), lastModified);
        Optional<URI> redirect = precondition == Preconditions.Outcome.PROCEED
                ? redirectUrl(body, disposition) : Optional.empty();
        ByteRange.Decision decision = ifRangeHolds(request, body)
                ? ByteRange.parse(request.getHeader(HttpHeaders.RANGE), size)
                : new ByteRange.Whole();
        ByteRange range = decision instanceof ByteRange.Partial partial ? partial.range() : null;
        long start = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        boolean sendsBytes = precondition == Preconditions.Outcome.PROCEED && redirect.isEmpty() && !head
                && !(decision instanceof ByteRange.Unsatisfiable);
        if (redirect.isPresent() && !head) {
            verifyStored(body, true);
        }
        // before a header is written: a store's missing or short object is then a clean error, not a cut-short answer
        try (OpenedPart opened = sendsBytes ? openRemote(body, start, length) : OpenedPart.NONE) {
            response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
            response.setHeader("X-Content-Type-Options", "nosniff"); // audio is never to be sniffed into a page
            response.setContentType(body.contentType());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition);
            response.setHeader(HttpHeaders.ETAG, body.etag());
            response.setDateHeader(HttpHeaders.LAST_MODIFIED, lastModified);
            switch (precondition) {
                case NOT_MODIFIED -> {
                    response.setStatus(HttpStatus.NOT_MODIFIED.value());
                    return;
                }
                case PRECONDITION_FAILED -> {
                    response.setStatus(HttpStatus.PRECONDITION_FAILED.value());
                    response.setContentLength(0);
                    return;
                }
                case PROCEED -> {
                    // serve below
                }
            }
            if (redirect.isPresent()) {
                redirect(redirect.get(), body, read, request, response);
                return;
            }
            if (decision instanceof ByteRange.Unsatisfiable) {
                response.setStatus(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
                response.setContentLength(0);
                return;
            }
            Long logStart = null;
            Long logEnd = null;
            if (range != null) {
                response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + range.start() + "-" + range.end() + "/" + size);
                logStart = range.start();
                logEnd = range.end();
            } else {
                response.setStatus(HttpStatus.OK.value());
            }
            response.setContentLengthLong(length);
            if (head) {
                return;
            }
            accessLog.record(read, logStart, logEnd, length);
            bytesServed.get(read.via()).increment(length);
            write(body, start, length, opened, request, response);
        }
    }

    /** With redirect delivery on, one whole stored object goes out as a 302 to a presigned URL of it. */
    private Optional<URI> redirectUrl(AudioBody body, String disposition) {
        if (!delivery.redirect() || body.parts().size() != 1
                || !(body.parts().get(0) instanceof AudioBody.BlobRegion region) || region.offset() != 0) {
            return Optional.empty();
        }
        return stores.get(region.store()).presign(region.key(), delivery.redirectTtl(), body.contentType(), disposition);
    }

    private void redirect(URI url, AudioBody body, AccessEvent read, HttpServletRequest request,
            HttpServletResponse response) {
        response.setStatus(HttpStatus.FOUND.value());
        response.setHeader(HttpHeaders.LOCATION, url.toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=" + Math.max(0, delivery.redirectTtl().toSeconds() - 30));
        response.setContentLength(0);
        if (!"HEAD".equals(request.getMethod())) {
            accessLog.record(read, null, null, body.length());
        }
    }

    /**
     * Streams a multipart document enclosing the audio, with its Content-Length. Ranges and validators do not apply to
     * the enclosing document; the read is logged like any other.
     */
    public void respondMultipart(MultipartAudio document, AccessEvent read, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        AudioBody audio = document.audio();
        verifyStored(audio, false);
        List<AudioBody.Part> parts = new ArrayList<>();
        parts.add(new AudioBody.Bytes(document.before()));
        parts.addAll(audio.parts());
        parts.add(new AudioBody.Bytes(document.after()));
        AudioBody enclosed = new AudioBody(parts, document.contentType(), audio.etag(), audio.lastModified(), audio.filename());
        try (OpenedPart opened = openRemote(enclosed, 0, enclosed.length())) {
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(document.contentType());
            response.setContentLengthLong(enclosed.length());
            accessLog.record(read, null, null, audio.length());
            bytesServed.get(read.via()).increment(audio.length());
            write(enclosed, 0, enclosed.length(), opened, request, response);
        }
    }

    /** Contract 5: If-Range with the current strong ETag or Last-Modified lets the Range apply; else the whole body. */
    private static boolean ifRangeHolds(HttpServletRequest request, AudioBody body) {
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (ifRange == null || request.getHeader(HttpHeaders.RANGE) == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(body.etag());
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond()
                    == body.lastModified().getEpochSecond();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * A local file's size is checked before the answer ({@code stat(2)}); an object store's only when asked to
     * ({@code remoteToo}: a HEAD, a redirect), since a read of its bytes opens them first ({@link #openRemote}), and
     * that request says as well whether they are there. A HEAD before every read was a second round trip to the store.
     */
    private void verifyStored(AudioBody body, boolean remoteToo) throws IOException {
        for (AudioBody.Part part : body.parts()) {
            if (part instanceof AudioBody.BlobRegion region) {
                if (remoteToo || stores.get(region.store()).isLocal()) {
                    requireStored(region);
                }
            }
        }
    }

    private void requireStored(AudioBody.BlobRegion region) throws IOException {
        Optional<Long> stored = stores.get(region.store()).size(region.key());
        if (stored.isEmpty() || stored.get() < region.offset() + region.length()) {
            throw missing(region.key());
        }
    }

    /**
     * The first object-store part of the body that these bytes cover, opened (a missing or short one is
     * {@link #missing}); any later ones (a joined call's other segments) are checked by their size and opened when
     * the answer reaches them, so that no request to the store waits idle while a slow client reads the parts before.
     */
    private OpenedPart openRemote(AudioBody body, long start, long length) throws IOException {
        OpenedPart opened = OpenedPart.NONE;
        try {
            long partStart = 0;
            for (AudioBody.Part part : body.parts()) {
                long partEnd = partStart + part.length();
                long from = Math.max(start, partStart);
                long to = Math.min(start + length, partEnd);
                if (from < to && part instanceof AudioBody.BlobRegion region && !stores.get(region.store()).isLocal()) {
                    if (opened != OpenedPart.NONE) {
                        requireStored(region);
                    } else {
                        try {
                            opened = new OpenedPart(part, stores.get(region.store()).openStored(region.key(),
                                    region.offset() + region.length(),
                                    region.offset() + from - partStart, to - from));
                        } catch (FileNotFoundException e) {
                            throw missing(region.key());
                        }
                    }
                }
                partStart = partEnd;
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** The object-store part opened before the answer, and its stream; closed with the answer. */
    private record OpenedPart(AudioBody.Part part, InputStream stream) implements AutoCloseable {

        static final OpenedPart NONE = new OpenedPart(null, null);

        /** The stream opened for this part, or null. */
        InputStream of(AudioBody.Part other) {
            return other == part ? stream : null;
        }

        @Override
        public void close() throws IOException {
            if (stream != null) {
                stream.close();
            }
        }
    }

    private void write(AudioBody body, long start, long length, OpenedPart opened, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        boolean verifyHere = delivery.verifyFullReads() && wholeRecording(body, start, length);
        if (!verifyHere && body.parts().size() == 1 && body.parts().get(0) instanceof AudioBody.BlobRegion region
                && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORT))) {
            Optional<Path> file = stores.get(region.store()).localFile(region.key());
            if (file.isPresent()) {
                request.setAttribute(SENDFILE_FILENAME, file.get().toAbsolutePath().toString());
                request.setAttribute(SENDFILE_START, region.offset() + start);
                request.setAttribute(SENDFILE_END, region.offset() + start + length);
                return;
            }
        }
        OutputStream out = response.getOutputStream();
        java.security.MessageDigest verify = wholeRecording(body, start, length) ? Sha256.digest() : null;
        if (verify != null) {
            out = new java.security.DigestOutputStream(out, verify);
        }
        long partStart = 0;
        for (AudioBody.Part part : body.parts()) {
            long partEnd = partStart + part.length();
            long from = Math.max(start, partStart);
            long to = Math.min(start + length, partEnd);
            if (from < to) {
                writePart(part, from - partStart, to - from, opened, out);
            }
            partStart = partEnd;
        }
        out.flush();
        if (verify != null) {
            String served = Sha256.hex(verify);
            if (!body.etag().equals("\"" + served + "\"")) {
                // the bytes are sent already: what is left is to say so loudly (fsck then finds the recording)
                Counter.builder("callvault.audio.corrupt").description("Whole reads whose bytes did not match the stored SHA-256")
                        .register(meters).increment();
                log.error("audio {} served with SHA-256 {} where the catalog says {}: the stored copy is corrupt",
                        body.filename(), served, body.etag());
            }
        }
    }

    /** A whole recording streamed through the JVM: its bytes can be checked against the catalog's SHA-256. */
    private static boolean wholeRecording(AudioBody body, long start, long length) {
        return start == 0 && body.parts().size() == 1 && body.parts().get(0) instanceof AudioBody.BlobRegion region
                && region.offset() == 0 && region.length() == length && body.etag().length() == 66;
    }


    private void writePart(AudioBody.Part part, long offset, long length, OpenedPart opened, OutputStream out)
            throws IOException {
        if (part instanceof AudioBody.Bytes bytes) {
            out.write(bytes.bytes(), (int) offset, (int) length);
            return;
        }
        AudioBody.BlobRegion region = (AudioBody.BlobRegion) part;
        InputStream remote = opened.of(part);
        if (remote != null) {
            remote.transferTo(out);
            return;
        }
        BlobStore store = stores.get(region.store());
        Optional<Path> file = store.localFile(region.key());
        if (file.isEmpty()) {
            try (InputStream in = store.open(region.key(), region.offset() + offset, length)) {
                in.transferTo(out);
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ)) {
            WritableByteChannel target = Channels.newChannel(out);
            long position = region.offset() + offset;
            long remaining = length;
            while (remaining > 0) {
                long sent = channel.transferTo(position, remaining, target);
                if (sent <= 0) {
                    throw missing(region.key());
                }
                position += sent;
                remaining -= sent;
            }
        }
    }

    /** Damage, not a client's doing: the operator learns which blob, the client only that it is damaged. */
    private static MissingAudioException missing(String key) {
        log.error("stored audio '{}' is missing or shorter than the catalog says: run fsck", key);
        return new MissingAudioException(key);
    }
}
