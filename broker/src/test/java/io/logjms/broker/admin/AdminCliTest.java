package io.logjms.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Argument parsing of the CLI: everything here fails or finishes before a connection is attempted. */
class AdminCliTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdminCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("topics", "queues", "subscriptions", "--url", "--json", "Exit codes:");
    }

    @Test
    void subcommandHelpNamesTheOptions() {
        Result r = run("topics", "create", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Creates a topic", "--partitions=N", "--retention-ms=MS", "--retention-bytes=BYTES",
                "--segment-bytes=BYTES", "--url=URL", "--json");
        assertThat(run("queues", "alter", "--help").out()).contains("Changes a queue's").doesNotContain("--partitions");
        assertThat(run("subscriptions", "reset", "--help").out()).contains("--to=POSITION", "--force");
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        Result r = run("topic", "list");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("logjms: Unmatched argument", "Did you mean: logjms topics?", "Try 'logjms --help'");
    }

    @Test
    void missingSubcommandAndMissingNameAreUsageErrors() {
        assertThat(run("topics").code()).isEqualTo(2);
        Result r = run("queues", "create");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter: 'NAME'", "Try 'logjms queues create --help'");
    }

    @Test
    void badNumbersAreUsageErrors() {
        Result r = run("topics", "create", "t", "--partitions", "two");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid value for option '--partitions': 'two' is not an int");
        assertThat(run("topics", "create", "t", "--partitions", "0").err()).contains("--partitions must be at least 1");
        assertThat(run("topics", "alter", "t", "--retention-ms", "7d").code()).isEqualTo(2);
    }

    @Test
    void alterWithoutSettingsIsAUsageError() {
        Result r = run("topics", "alter", "orders");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nothing to alter: give --retention-ms, --retention-bytes or --segment-bytes");
    }

    @Test
    void resetNeedsAValidPosition() {
        Result missing = run("subscriptions", "reset", "queue/jobs");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--to=POSITION'");
        Result bad = run("subscriptions", "reset", "queue/jobs", "--to", "yesterday");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("expected earliest, latest, an ISO-8601 instant");
    }

    @Test
    void aMalformedUrlIsAUsageErrorAndUnknownOptionsAreNamed() {
        Result scheme = run("--url", "http://localhost:7878", "topics", "list");
        assertThat(scheme.code()).isEqualTo(2);
        assertThat(scheme.err()).contains("logjms: invalid logjms URL 'http://localhost:7878': expected logjms://host:port");
        Result options = run("topics", "list", "--url", "logjms://localhost:7878?user=a&timeout=5");
        assertThat(options.code()).isEqualTo(2);
        assertThat(options.err()).contains("unknown option(s) in logjms URL: timeout");
        Result badTls = run("topics", "list", "--url", "logjms://localhost:7878?user=a&tls=on");
        assertThat(badTls.code()).isEqualTo(2);
        assertThat(badTls.err()).contains("option 'tls' must be true or false, was 'on'");
    }

    @Test
    void theBrokersForceHintBecomesTheFlag() {
        assertThat(SubscriptionCommands.withForceHint("subscription s has 1 active consumer(s); stop them first or force the reset"))
                .isEqualTo("subscription s has 1 active consumer(s); stop them first or pass --force");
        assertThat(SubscriptionCommands.withForceHint("in use")).isEqualTo("in use (pass --force to reset anyway)");
    }
}
