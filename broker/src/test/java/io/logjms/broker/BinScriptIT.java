package io.logjms.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logjms.broker.net.TestClient;
import io.logjms.protocol.DestinationId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/logjms-broker} as a user runs it. The script rebuilds when its jar is missing or older than
 * the sources; this test never lets it: it is skipped unless the jar of this build is up to date, and a
 * stub {@code mvn} first on the PATH makes any build attempt fail at once.
 */
@Timeout(60)
class BinScriptIT {
    /** The files the script compares with its jar, relative to the repository root. */
    private static final List<String> SOURCES = List.of("pom.xml", "provider/pom.xml", "provider/src/main",
            "broker/pom.xml", "broker/src/main");

    @TempDir
    Path dir;
    BrokerProcess broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void scriptStartsTheBuiltBrokerAndStopsOnSigterm() throws Exception {
        Path root = repositoryRoot();
        Path jar = root.resolve("broker/target/logjms-broker-0.1.0-SNAPSHOT.jar");
        assumeTrue(Files.isDirectory(root.resolve("broker/target/lib")) && isUpToDate(root, jar),
                "the broker jar is missing or older than the sources, so the script would rebuild it");

        ProcessBuilder command = new ProcessBuilder(root.resolve("bin/logjms-broker").toString(),
                "--host", "127.0.0.1", "--port", "0", "--http-port", "0", "--data-dir", dir.resolve("data").toString());
        command.environment().put("PATH", stubMaven() + ":" + Path.of(System.getProperty("java.home"), "bin")
                + ":" + System.getenv("PATH"));
        command.environment().put("LOGJMS_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
        broker = BrokerProcess.launch(command);
        broker.awaitReady();
        try (TestClient c = TestClient.connect(broker.port())) {
            assertThat(c.produce(DestinationId.queue("script.queue"), 0, "from the script").baseOffset()).isZero();
        }
        assertThat(broker.terminate(Duration.ofSeconds(20))).isIn(0, 143);
        assertThat(broker.stderr()).doesNotContain("building").contains("logjms broker stopped");
    }

    private Path stubMaven() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("stub-bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho 'BinScriptIT: bin/logjms-broker tried to build' >&2\nexit 97\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static Path repositoryRoot() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("bin/logjms-broker"))) {
            p = p.getParent();
        }
        assertThat(p).as("a directory above %s holding bin/logjms-broker", System.getProperty("user.dir")).isNotNull();
        return p;
    }

    /** The script's own test: the jar exists and no source file is newer. */
    private static boolean isUpToDate(Path root, Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        FileTime built = Files.getLastModifiedTime(jar);
        for (String source : SOURCES) {
            try (Stream<Path> files = Files.walk(root.resolve(source))) {
                if (files.anyMatch(f -> modified(f).compareTo(built) > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
