package io.logjms.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizerTest {
    @TempDir
    Path dir;

    private Path write(String name, String text, long modifiedMillis) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
        return file;
    }

    @Test
    void changedFilesAreReloadedAndAMalformedChangeKeepsTheRulesInForce() throws IOException {
        Path acl = write("acl", "allow group:g produce queue:a\n", 1_000);
        Path groups = write("groups", "g=alice\n", 1_000);
        Authorizer authorizer = Authorizer.load(acl, Optional.of(groups), Clock.systemUTC());
        assertThat(authorizer.allows("alice", Operation.PRODUCE, Resource.queue("a"))).isTrue();
        assertThat(authorizer.reloadIfChanged()).isFalse();

        write("groups", "g=bob\n", 2_000);
        assertThat(authorizer.reloadIfChanged()).isTrue();
        assertThat(authorizer.allows("alice", Operation.PRODUCE, Resource.queue("a"))).isFalse();
        assertThat(authorizer.allows("bob", Operation.PRODUCE, Resource.queue("a"))).isTrue();

        write("acl", "allow group:g produce queue:a\nallow group:g consume nonsense\n", 3_000);
        assertThat(authorizer.reloadIfChanged()).isFalse();
        assertThat(authorizer.allows("bob", Operation.PRODUCE, Resource.queue("a"))).isTrue();

        write("acl", "allow group:g consume queue:a\n", 4_000);
        assertThat(authorizer.reloadIfChanged()).isTrue();
        assertThat(authorizer.allows("bob", Operation.PRODUCE, Resource.queue("a"))).isFalse();
        assertThat(authorizer.allows("bob", Operation.CONSUME, Resource.queue("a"))).isTrue();
    }

    @Test
    void aMalformedFileAtStartFailsNamingFileAndLine() throws IOException {
        Path acl = write("acl", "allow * produce *\nallow * produce queue:\n", 1_000);

        assertThatThrownBy(() -> Authorizer.load(acl, Optional.empty(), Clock.systemUTC()))
                .isInstanceOf(AclSyntaxException.class)
                .hasMessageContaining(acl + " line 2")
                .hasMessageContaining("security.acl.file");
        assertThatThrownBy(() -> Authorizer.load(dir.resolve("missing"), Optional.empty(), Clock.systemUTC()))
                .hasMessageContaining("file not found");
    }

    @Test
    void withoutAnAclFileEverythingIsAllowed() {
        Authorizer authorizer = Authorizer.allowAll();

        assertThat(authorizer.enabled()).isFalse();
        assertThat(authorizer.allows(null, Operation.ADMIN, Resource.ALL)).isTrue();
    }

    @Test
    void aDenialIsLoggedOncePerUserOperationAndResourcePerPeriod() {
        MutableClock clock = new MutableClock();
        DenialLog log = new DenialLog(clock, Duration.ofMinutes(1));

        assertThat(log.shouldLog("bob", Operation.PRODUCE, Resource.queue("q"))).isTrue();
        assertThat(log.shouldLog("bob", Operation.PRODUCE, Resource.queue("q"))).isFalse();
        assertThat(log.shouldLog("bob", Operation.CONSUME, Resource.queue("q"))).isTrue();
        assertThat(log.shouldLog("bob", Operation.PRODUCE, Resource.topic("q"))).isTrue();
        assertThat(log.shouldLog(null, Operation.PRODUCE, Resource.queue("q"))).isTrue();
        clock.now += 59_999;
        assertThat(log.shouldLog("bob", Operation.PRODUCE, Resource.queue("q"))).isFalse();
        clock.now += 1;
        assertThat(log.shouldLog("bob", Operation.PRODUCE, Resource.queue("q"))).isTrue();
    }

    private static final class MutableClock extends Clock {
        long now = 1_000_000;

        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
