package io.logjms.broker.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers whether a user may apply an operation to a destination, from the ACL file and the groups file,
 * and reloads them when they change (their modification time or size): a file that fails to parse on
 * reload is logged as an ERROR naming file and line, and the rules in force stay. Denials are logged at
 * most once per (user, operation, resource) per minute, never with credentials.
 *
 * <p>Without an ACL file everything is allowed. Thread-safe: checks read an immutable {@link AccessPolicy}.
 */
public final class Authorizer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);

    private final Path aclFile;
    private final Path groupsFile;
    private final DenialLog denials;
    private volatile AccessPolicy policy;
    private volatile FileStamps loadedFrom;
    private ScheduledExecutorService watcher;

    private record FileStamp(long modifiedMillis, long size) {
        static FileStamp of(Path file) {
            if (file == null) {
                return new FileStamp(0, 0);
            }
            try {
                return new FileStamp(Files.getLastModifiedTime(file).toMillis(), Files.size(file));
            } catch (IOException e) {
                return new FileStamp(-1, -1);
            }
        }
    }

    private record FileStamps(FileStamp acl, FileStamp groups) {
    }

    private Authorizer(Path aclFile, Path groupsFile, Clock clock) {
        this.aclFile = aclFile;
        this.groupsFile = groupsFile;
        this.denials = new DenialLog(clock, Duration.ofMinutes(1));
    }

    /** Allows everything (no ACL file configured). */
    public static Authorizer allowAll() {
        return new Authorizer(null, null, Clock.systemUTC());
    }

    /**
     * Loads the ACL file and the optional groups file.
     *
     * @throws AclSyntaxException naming the file and line of a malformed entry, or why a file cannot be read
     */
    public static Authorizer load(Path aclFile, Optional<Path> groupsFile, Clock clock) {
        Authorizer authorizer = new Authorizer(Objects.requireNonNull(aclFile, "aclFile"), groupsFile.orElse(null),
                clock);
        FileStamps stamps = authorizer.stamps();
        authorizer.policy = authorizer.read();
        authorizer.loadedFrom = stamps;
        LOG.info("Loaded {} access rule(s) from {}{}", authorizer.policy.ruleCount(), aclFile,
                groupsFile.map(g -> " and groups from " + g).orElse(""));
        return authorizer;
    }

    /** Whether access control is on (an ACL file is configured). */
    public boolean enabled() {
        return aclFile != null;
    }

    /** Whether {@code user} (null: anonymous) may apply {@code operation} to {@code resource}; logs nothing. */
    public boolean allows(String user, Operation operation, Resource resource) {
        return aclFile == null || policy.allows(user, operation, resource);
    }

    /** Like {@link #allows}, logging a denial (rate-limited). */
    public boolean check(String user, Operation operation, Resource resource, Object from) {
        if (allows(user, operation, resource)) {
            return true;
        }
        if (denials.shouldLog(user, operation, resource)) {
            LOG.warn("denied: user {} may not {} {} (from {}; repeats of this denial are logged at most once a "
                    + "minute)", user == null ? "(anonymous)" : user, operation.word(), resource, from);
        }
        return false;
    }

    /**
     * Reloads the files if either changed since they were last read.
     *
     * @return whether new rules are now in force
     */
    public synchronized boolean reloadIfChanged() {
        if (aclFile == null) {
            return false;
        }
        FileStamps now = stamps();
        if (now.equals(loadedFrom)) {
            return false;
        }
        loadedFrom = now;
        try {
            policy = read();
            LOG.info("Reloaded {} access rule(s) from {}", policy.ruleCount(), aclFile);
            return true;
        } catch (AclSyntaxException e) {
            LOG.error("Keeping the previous access rules: {}", e.getMessage());
            return false;
        }
    }

    /** Checks the files for changes every {@code interval} on a thread of its own, until {@link #close()}. */
    public synchronized void watch(Duration interval) {
        if (aclFile == null || watcher != null) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "logjms-acl-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::reloadQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void reloadQuietly() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.error("Could not check {} for changes", aclFile, e);
        }
    }

    private FileStamps stamps() {
        return new FileStamps(FileStamp.of(aclFile), FileStamp.of(groupsFile));
    }

    private AccessPolicy read() {
        List<AclRule> rules = AclFile.load(aclFile);
        GroupsFile groups = groupsFile == null ? GroupsFile.none() : GroupsFile.load(groupsFile);
        return new AccessPolicy(rules, groups);
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }
}
