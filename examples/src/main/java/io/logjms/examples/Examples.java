package io.logjms.examples;

import io.logjms.provider.client.BrokerUnreachableException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code bin/logjms-example <Name> [broker URL]} runs: picks the example by name, lists the
 * examples for an unknown name, and when no broker answers says so in one line (with how to start one)
 * instead of a stack trace. Exits non-zero on either.
 */
public final class Examples {
    static final String DEFAULT_URL = "logjms://localhost:7878";
    /** Exit status when no broker answers. */
    static final int NO_BROKER = 1;
    /** Exit status for a missing or unknown example name. */
    static final int USAGE = 2;

    /** An example's main method. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    static final Map<String, Main> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("QuickStart", QuickStart::main);
        EXAMPLES.put("JndiQuickStart", JndiQuickStart::main);
        EXAMPLES.put("ReplayDurableSubscriber", ReplayDurableSubscriber::main);
        EXAMPLES.put("SeekByTime", SeekByTime::main);
        EXAMPLES.put("QueueMigration", QueueMigration::main);
    }

    private Examples() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the example named by {@code args[0]}; the exit status (problems are reported on {@code err}). */
    static int run(String[] args, PrintStream err) throws Exception {
        String names = String.join(", ", EXAMPLES.keySet());
        if (args.length < 1) {
            err.println("usage: bin/logjms-example <example> [broker URL]; the examples are: " + names);
            return USAGE;
        }
        Main example = EXAMPLES.get(args[0]);
        if (example == null) {
            err.println("unknown example '" + args[0] + "'; the examples are: " + names);
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            example.run(rest);
            return 0;
        } catch (Exception e) {
            if (!noBrokerAnswers(e)) {
                throw e;
            }
            String url = rest.length > 0 ? rest[0] : DEFAULT_URL;
            err.println("no logjms broker answers at " + url + " (" + reason(e) + "); start one with"
                    + " bin/logjms-broker, or give the URL of a running broker: bin/logjms-example " + args[0]
                    + " logjms://host:port");
            return NO_BROKER;
        }
    }

    private static boolean noBrokerAnswers(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BrokerUnreachableException || t instanceof ConnectException
                    || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why, as the client put it: "localhost:7878: connection refused" from the JMS client's "could not
     * connect to any logjms broker (...)", or the admin client's "connection refused".
     */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof BrokerUnreachableException && m != null) {
                return m.indexOf('(') >= 0 && m.endsWith(")") ? m.substring(m.indexOf('(') + 1, m.length() - 1) : m;
            }
        }
        return e.getMessage();
    }
}
