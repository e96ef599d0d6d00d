package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.Broker;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.FrameKind;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structured fuzzing: a few hundred connections, each sending frames with valid headers, of every
 * request type, whose fields are random or extreme values ({@link FuzzBodies}). Every request gets a
 * clean answer (a known error code other than {@code UNKNOWN_ERROR}, its own correlation id) and the
 * connection is closed only after an error documented to close it; the broker logs nothing above INFO
 * for any of it; a normal client produces and consumes afterwards.
 *
 * <p>Seeded: the seed is printed, named in every failure, and set with {@code -Dlogjms.fuzz.seed=N}
 * ({@code -Dlogjms.fuzz.connections=N} changes the number of connections).
 */
@Timeout(120)
class StructuredFuzzIT {
    private static final int MAX_REQUESTS_PER_CONNECTION = 5;
    private static final int MAX_PROBLEMS_REPORTED = 20;
    private static final DestinationId CHECK = DestinationId.topic("fuzz.check");

    @TempDir
    Path dataDir;

    @Test
    void structuredGarbageGetsCleanAnswersAndNoAlarmingLogs() throws Exception {
        long seed = Long.getLong("logjms.fuzz.seed", System.nanoTime());
        int connections = Integer.getInteger("logjms.fuzz.connections", 300);
        System.out.println("StructuredFuzzIT seed " + seed + ", " + connections + " connections");
        try {
            run(new Random(seed), connections);
        } catch (AssertionError | Exception e) {
            throw new AssertionError("structured fuzz failed with seed " + seed + " (rerun with -Dlogjms.fuzz.seed="
                    + seed + "): " + e.getMessage(), e);
        }
    }

    private void run(Random random, int connections) throws Exception {
        try (Broker broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0)
                .set("max.frame.bytes", "65536").set("max.batch.bytes", "8192")
                .set("fsync.policy", "os") // durability is not under test here: keeps the run short
                .build().start()) {
            List<String> problems = new ArrayList<>();
            List<LogCapture.Event> alarming;
            String logText;
            try (LogCapture log = LogCapture.start()) {
                FuzzBodies bodies = new FuzzBodies(random);
                for (int c = 0; c < connections; c++) {
                    fuzzOneConnection(broker.port(), random, bodies, c, problems);
                }
                alarming = log.aboveInfo();
                logText = log.text();
            }
            SoftAssertions.assertSoftly(soft -> {
                soft.assertThat(problems).as("answers that are not clean").isEmpty();
                soft.assertThat(alarming).as("broker log above INFO during the fuzz run:%n%s", excerpt(logText)).isEmpty();
            });
            assertThat(broker.isRunning()).isTrue();
            normalClientProducesAndConsumes(broker.port());
        }
    }

    /**
     * One connection, handshaken (or with a fuzzed handshake one time in ten), whose frames are sent one
     * at a time, each answer checked before the next.
     */
    private static void fuzzOneConnection(int port, Random random, FuzzBodies bodies, int index, List<String> problems)
            throws Exception {
        boolean fuzzHandshake = random.nextInt(10) == 0;
        try (RawConnection raw = fuzzHandshake ? RawConnection.open(port) : RawConnection.openWithHandshake(port)) {
            List<byte[]> frames = framesFor(random, bodies, fuzzHandshake);
            List<String> sent = new ArrayList<>();
            Set<Integer> oneWayIds = new HashSet<>();
            for (byte[] frame : frames) {
                short api = (short) (((frame[4] & 0xff) << 8) | (frame[5] & 0xff));
                boolean oneWay = frame[6] == FrameKind.ONE_WAY.code();
                int correlationId = ((frame[7] & 0xff) << 24) | ((frame[8] & 0xff) << 16) | ((frame[9] & 0xff) << 8)
                        | (frame[10] & 0xff);
                String what = "connection " + index + ", " + ApiKey.fromId(api) + (oneWay ? " one-way" : "") + " #"
                        + correlationId + " after " + sent;
                sent.add(ApiKey.fromId(api) + (oneWay ? "(one-way)" : ""));
                if (!sent(raw, frame)) {
                    // the broker closed the connection while one-way frames were going out unanswered: fine if
                    // one of them was refused with an error that closes (its answer may be lost with the reset)
                    RawConnection.Response r = raw.nextResponseOrClose();
                    boolean closingAnswer = r != null && oneWayIds.contains(r.correlationId())
                            && ErrorMapping.closesConnection(r.error());
                    if (!closingAnswer && !(r == null && !oneWayIds.isEmpty())) {
                        report(problems, what + ": connection closed by the broker before it was sent, after " + r);
                    }
                    return;
                }
                if (oneWay) {
                    oneWayIds.add(correlationId);
                    continue;
                }
                RawConnection.Response r = raw.nextResponseOrClose();
                if (r != null && oneWayIds.contains(r.correlationId()) && ErrorMapping.closesConnection(r.error())) {
                    // a one-way frame is answered only by an error that ends the connection
                    if (raw.nextResponseOrClose() != null) {
                        report(problems, what + ": one-way frame refused with " + r.error() + " but the connection stays open");
                    }
                    return;
                }
                String problem = problemWith(r, api, correlationId);
                if (problem != null) {
                    report(problems, what + ": " + problem);
                    return;
                }
                if (ErrorMapping.closesConnection(r.error()) || api == ApiKey.CLOSE.id()) {
                    if (raw.nextResponseOrClose() != null) {
                        report(problems, what + ": answered " + r.error() + " but kept the connection open");
                    }
                    return;
                }
            }
        }
    }

    /** False when the broker has already closed the connection (broken pipe, reset). */
    private static boolean sent(RawConnection raw, byte[] frame) {
        try {
            raw.send(frame);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * The frames of one connection: a fuzzed handshake when asked, maybe a valid SUBSCRIBE, one to five
     * fuzzed frames of random types (CREDIT and ACK sometimes one-way), and last a plain METADATA that a
     * connection still open must serve.
     */
    private static List<byte[]> framesFor(Random random, FuzzBodies bodies, boolean fuzzHandshake) {
        List<byte[]> frames = new ArrayList<>();
        if (fuzzHandshake) {
            byte[] body = bodies.body(ApiKey.HANDSHAKE);
            frames.add(RawConnection.frame(ApiKey.HANDSHAKE.id(), FrameKind.REQUEST, 999, b -> b.writeBytes(body)));
        }
        if (random.nextBoolean()) {
            frames.add(RawConnection.frame(ApiKey.SUBSCRIBE.id(), FrameKind.REQUEST, 1000, FuzzBodies::validSubscribe));
        }
        int n = 1 + random.nextInt(MAX_REQUESTS_PER_CONNECTION);
        ApiKey[] apis = ApiKey.values();
        for (int i = 0; i < n; i++) {
            ApiKey api = apis[random.nextInt(apis.length)];
            boolean oneWay = (api == ApiKey.CREDIT || api == ApiKey.ACK) && random.nextBoolean();
            byte[] body = bodies.body(api);
            frames.add(RawConnection.frame(api.id(), oneWay ? FrameKind.ONE_WAY : FrameKind.REQUEST, 1001 + i,
                    b -> b.writeBytes(body)));
        }
        frames.add(RawConnection.frame(ApiKey.METADATA.id(), FrameKind.REQUEST, 2000,
                b -> b.writeInt(0).writeBoolean(false)));
        return frames;
    }

    /** Null when {@code r} cleanly answers the request; otherwise what is wrong with it. */
    private static String problemWith(RawConnection.Response r, short api, int correlationId) {
        if (r == null) {
            return "closed without an answer";
        }
        if (r.correlationId() != correlationId || r.apiKey() != api) {
            return "answer for api " + r.apiKey() + " #" + r.correlationId();
        }
        if (ErrorCode.fromCode(r.errorCode()).code() != r.errorCode()) {
            return "unknown error code " + r.errorCode();
        }
        if (r.error() == ErrorCode.UNKNOWN_ERROR) {
            return "unexpected broker error: " + r.message();
        }
        if (r.error() != ErrorCode.NONE && (r.message() == null || r.message().isBlank())) {
            return r.error() + " without a message";
        }
        if (r.error() != ErrorCode.NONE && r.rest().length != 0) {
            return r.error() + " followed by " + r.rest().length + " body bytes";
        }
        return null;
    }

    private static void report(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS_REPORTED) {
            problems.add(problem);
        }
    }

    private static void normalClientProducesAndConsumes(int port) throws Exception {
        try (TestClient client = TestClient.connect(port, "after-fuzz")) {
            client.subscribe(SubscribeRequest.nonDurable(1, CHECK, StartPosition.EARLIEST, 0, null, 10));
            ProduceResponse r = client.produce(CHECK, 0, "still-works");
            TestClient.Delivery d = client.next(5_000);
            assertThat(d).as("delivery after the fuzz run").isNotNull();
            assertThat(d.text()).isEqualTo("still-works");
            assertThat(d.record().offset()).isEqualTo(r.baseOffset());
            assertThat(client.fetchAll(CHECK, 0)).hasSize(1);
        }
    }

    /** The log around the first line above INFO, stack trace included, to explain a failure. */
    private static String excerpt(String log) {
        int at = Math.max(log.indexOf("] ERROR "), -1);
        if (at < 0) {
            at = log.indexOf("] WARN ");
        }
        return at < 0 ? "" : log.substring(Math.max(0, at - 200), Math.min(log.length(), at + 3_000));
    }
}
