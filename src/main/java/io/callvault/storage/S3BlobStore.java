package io.callvault.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs as objects of one bucket of any S3-compatible store (AWS SDK v2). Staged files up to 64 MiB go up in one
 * PUT, larger ones as a multipart upload of 16 MiB parts read from the staged file, so memory stays bounded; a
 * failed multipart upload is aborted, leaving no object. Reads are ranged GETs of exactly the bytes served.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);
    static final long PART_SIZE = 16L * 1024 * 1024;
    static final long MULTIPART_THRESHOLD = 64L * 1024 * 1024;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final long multipartThreshold;
    /** Whether the bucket is known to be there: checked at start, or at the first store when the store was away. */
    private volatile boolean bucketReady;

    public S3BlobStore(S3Properties properties) {
        this(properties, MULTIPART_THRESHOLD);
    }

    S3BlobStore(S3Properties properties, long multipartThreshold) {
        this.bucket = properties.bucket();
        this.multipartThreshold = multipartThreshold;
        AwsCredentialsProvider credentials = properties.accessKey() == null || properties.accessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()));
        var builder = S3Client.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(properties.pathStyle())
                // the SDK's default aws-chunked checksum trailers are not understood by many S3-compatible stores
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presign = S3Presigner.builder().region(Region.of(properties.region())).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(properties.pathStyle()).build());
        if (properties.endpoint() != null && !properties.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(properties.endpoint()));
            presign.endpointOverride(URI.create(properties.endpoint()));
        }
        this.s3 = builder.build();
        this.presigner = presign.build();
        try {
            ensureBucket();
        } catch (SdkClientException | S3Exception e) {
            if (e instanceof S3Exception refused && refused.statusCode() < 500) {
                throw e; // the store answered no (credentials, a bucket of someone else's): a setting to mend
            }
            // the store does not answer: live capture keeps calls on this node's disk meanwhile
            log.warn("the object store does not answer ({}): the server starts, and bucket {} is checked at the"
                    + " first store", e.getMessage(), bucket);
        }
    }

    private void ensureBucket() {
        if (bucketReady) {
            return;
        }
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
            log.info("created bucket {}", bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
            log.info("created bucket {}", bucket);
        }
        bucketReady = true;
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public void store(Path stagedFile, String key) throws IOException {
        StorageKey.require(key);
        long size = Files.size(stagedFile);
        try {
            ensureBucket();
            if (size <= multipartThreshold) {
                s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size), RequestBody.fromFile(stagedFile));
            } else {
                multipart(stagedFile, key, size);
            }
        } catch (S3Exception | SdkClientException e) {
            throw new IOException("object store refused " + key + ": " + e.getMessage(), e);
        }
        Files.deleteIfExists(stagedFile);
    }

    /** The multipart path on its own, for tests that make a part fail. */
    void multipartFor(Path file, String key, long size) throws IOException {
        multipart(file, key, size);
    }

    private void multipart(Path file, String key, long size) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += PART_SIZE, number++) {
                long length = Math.min(PART_SIZE, size - offset);
                int partNumber = number;
                long from = offset;
                ContentStreamProvider region = () -> openRegion(file, from, length);
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                        .contentLength(length), RequestBody.fromContentProvider(region, length, "application/octet-stream"))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                abort(key, uploadId);
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    /**
     * A part still arriving at the store when the upload is aborted may land after the abort and leave the upload
     * (and the space its parts hold) behind, as S3's documentation warns; an S3-compatible store may even list the
     * upload again. So abort until the upload is not listed in two looks 100 ms apart, five looks at most.
     */
    private void abort(String key, String uploadId) {
        int clean = 0;
        for (int attempt = 1; attempt <= 5 && clean < 2; attempt++) {
            if (clean == 0) {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            }
            boolean remains = s3.listMultipartUploads(b -> b.bucket(bucket).prefix(key)).uploads().stream()
                    .anyMatch(upload -> upload.uploadId().equals(uploadId));
            clean = remains ? 0 : clean + 1;
            if (clean < 2) {
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (clean < 2) {
            log.warn("multipart upload {} of {} still listed after five looks and the aborts between", uploadId, key);
        }
    }

    private static InputStream openRegion(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        StorageKey.require(key);
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key)
                    .range("bytes=" + offset + "-" + (offset + length - 1)));
            Long answered = in.response().contentLength();
            if (answered == null || answered != length) { // the object ends before the region does
                in.abort();
                throw new java.io.FileNotFoundException(key + " holds fewer bytes than asked for");
            }
            return in;
        } catch (NoSuchKeyException e) {
            throw new java.io.FileNotFoundException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) { // the region starts past the object's end
                throw new java.io.FileNotFoundException(key + " holds fewer bytes than asked for");
            }
            throw new IOException("object store read of " + key + " failed: " + e.getMessage(), e);
        } catch (SdkException e) { // the store's answer, or no answer at all (connection refused or reset)
            throw new IOException("object store read of " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** The ranged read is the check: its Content-Range names the object's whole size. */
    @Override
    public InputStream openStored(String key, long storedSize, long offset, long length) throws IOException {
        InputStream in = open(key, offset, length);
        if (in instanceof ResponseInputStream<?> response && response.response() instanceof GetObjectResponse got
                && wholeSize(got.contentRange()) < storedSize) {
            response.abort();
            throw new java.io.FileNotFoundException(key + " holds fewer bytes than were stored");
        }
        return in;
    }

    /** The size after the slash of {@code bytes a-b/size}; unknown ({@code *} or none) as the largest. */
    private static long wholeSize(String contentRange) {
        int slash = contentRange == null ? -1 : contentRange.lastIndexOf('/');
        try {
            return slash < 0 ? Long.MAX_VALUE : Long.parseLong(contentRange.substring(slash + 1).trim());
        } catch (NumberFormatException unknown) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public Optional<Path> localFile(String key) {
        return Optional.empty();
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        StorageKey.require(key);
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            if (e instanceof S3Exception answered && answered.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("object store lookup of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        StorageKey.require(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new IOException("object store delete of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Stream<StoredBlob> list() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .filter(o -> StorageKey.isValid(o.key()))
                .map(o -> new StoredBlob(o.key(), o.size(), o.lastModified()));
    }

    @Override
    public Optional<URI> presign(String key, Duration ttl, String contentType, String contentDisposition) {
        StorageKey.require(key);
        var presigned = presigner.presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(g -> g.bucket(bucket)
                .key(key).responseContentType(contentType).responseContentDisposition(contentDisposition)));
        try {
            return Optional.of(presigned.url().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        s3.close();
        presigner.close();
    }
}
