package io.callvault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What the runnable jar carries is the runtime classpath (Spring Boot packages exactly it): no test library and
 * nothing a test library dragged in, such as Netty's native QUIC and tcnative builds for s3proxy's cloud back ends.
 */
class JarContentsTest {

    @Test
    void theRuntimeClasspathHoldsNoTestDependency() throws Exception {
        List<String> jars = Arrays.stream(Files.readString(Path.of(System.getProperty("callvault.runtime-classpath",
                "target/runtime-classpath.txt"))).strip().split(File.pathSeparator)).map(p -> Path.of(p).getFileName().toString())
                .toList();
        assertThat(jars).isNotEmpty().anyMatch(j -> j.startsWith("spring-boot-"));
        assertThat(jars).noneMatch(j -> j.startsWith("s3proxy") || j.startsWith("junit") || j.startsWith("assertj")
                || j.startsWith("mockito") || j.startsWith("netty-codec-native-quic") || j.startsWith("netty-tcnative")
                || j.startsWith("netty-codec-classes-quic") || j.startsWith("netty-transport-native-epoll") || j.startsWith("netty-transport-native-kqueue")
                || j.startsWith("netty-resolver-dns-native") || j.startsWith("jqwik") || j.startsWith("angus-mail")
                || j.startsWith("selenium") || j.startsWith("jclouds"));
    }
}
