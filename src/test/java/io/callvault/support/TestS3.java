package io.callvault.support;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3-protocol server (s3proxy over a filesystem backend), started once per test JVM on loopback. */
public final class TestS3 {

    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret";
    public static final String BUCKET = "callvault-test";

    private static final Map<String, AtomicLong> CALLS = new ConcurrentHashMap<>();

    /** The backend's methods that write an object: refused while {@link #refusingWrites} (an outage of the store). */
    private static final java.util.Set<String> WRITES = java.util.Set.of("putBlob", "initiateMultipartUpload",
            "uploadMultipartPart", "completeMultipartUpload");
    private static volatile boolean refusingWrites;

    private static S3Proxy proxy;
    private static S3Client client;

    private TestS3() {
    }

    public static synchronized String endpoint() {
        if (proxy == null) {
            try {
                Path dir = Files.createTempDirectory("callvault-s3-");
                Properties properties = new Properties();
                properties.setProperty("jclouds.filesystem.basedir", dir.toString());
                BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(properties)
                        .build(BlobStoreContext.class);
                proxy = S3Proxy.builder().blobStore(counted(context.getBlobStore())).endpoint(URI.create("http://127.0.0.1:0"))
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
                proxy.start();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!"STARTED".equals(proxy.getState())) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("s3proxy did not start");
                    }
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not start s3proxy", e);
            }
        }
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /**
     * How many times the server's backend was asked this (a jclouds {@code BlobStore} method: {@code blobMetadata}
     * answers an S3 HEAD, {@code getBlob} a GET), by anybody, since the start of the test JVM.
     */
    public static long calls(String method) {
        return CALLS.computeIfAbsent(method, m -> new AtomicLong()).get();
    }

    private static BlobStore counted(BlobStore store) {
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class},
                (self, method, args) -> {
                    CALLS.computeIfAbsent(method.getName(), m -> new AtomicLong()).incrementAndGet();
                    if (refusingWrites && WRITES.contains(method.getName())) {
                        throw new IllegalStateException("the test's S3 server refuses writes for now");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** While on, the test's S3 server answers every write with an error (500), as a store that is down. */
    public static void refuseWrites(boolean refusing) {
        refusingWrites = refusing;
    }

    /** A client of the test server of its own, to check what is stored without going through CallVault. */
    public static synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
        }
        return client;
    }

}
