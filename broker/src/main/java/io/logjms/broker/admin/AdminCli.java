package io.logjms.broker.admin;

import io.logjms.protocol.DestinationType;
import io.logjms.provider.admin.AdminUrl;
import io.logjms.provider.admin.LogJmsAdmin;
import io.logjms.provider.admin.LogJmsAdminException;
import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code bin/logjms} admin command line: {@code topics}, {@code queues}, {@code subscriptions} and
 * {@code cluster} commands over {@link LogJmsAdmin}. Prints aligned tables, or JSON with {@code --json}. Exit codes: 0
 * done, 1 the broker refused or could not be reached (message on stderr), 2 usage error.
 */
@Command(name = "logjms", mixinStandardHelpOptions = true, versionProvider = AdminCli.Version.class,
        description = "Administers a logjms broker (topics, queues, subscriptions) and sends, receives and browses"
                + " messages.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  the broker refused the request or could not be reached (message on stderr)",
            "  2  usage error"})
public final class AdminCli {
    /** Exit code when the broker refused the request or could not be reached. */
    public static final int EXIT_REFUSED = 1;
    /** Exit code of a usage error (picocli's as well). */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:LOGJMS_URL:-logjms://localhost:7878}",
            description = "the broker: logjms://host:port[?user=NAME&password=SECRET] "
                    + "(default: $LOGJMS_URL, else logjms://localhost:7878)")
    String url;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print JSON instead of tables")
    boolean json;

    @Spec
    CommandSpec spec;

    private final InputStream in;
    private final PrintWriter out;

    private AdminCli(InputStream in, PrintWriter out) {
        this.in = in;
        this.out = out;
    }

    public static void main(String[] args) {
        // the CLI's own output is the result; the runtime's INFO logging would only get in the way
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int code = run(args, System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs one command line and returns its exit code; results go to {@code out}, errors to {@code err}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, InputStream.nullInputStream(), out, err);
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}, with {@code in} as standard input ({@code produce}). */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(in, out);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("logjms: " + e.getMessage());
            commandLine.getErr().flush();
            if (e instanceof LogJmsAdminException || e instanceof JMSException || e instanceof JMSRuntimeException) {
                return EXIT_REFUSED;
            }
            if (e instanceof IllegalArgumentException) {
                return EXIT_USAGE;
            }
            e.printStackTrace(commandLine.getErr());
            return EXIT_REFUSED;
        });
        cli.setParameterExceptionHandler(AdminCli::usageError);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A usage error: the message and where to find help, rather than the whole usage text. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("logjms: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return EXIT_USAGE;
    }

    static CommandLine commandLine(InputStream in, PrintWriter out) {
        AdminCli root = new AdminCli(in, out);
        CommandLine cli = new CommandLine(root);
        cli.addSubcommand("topics", DestinationCommands.commandLine(root, DestinationType.TOPIC));
        cli.addSubcommand("queues", DestinationCommands.commandLine(root, DestinationType.QUEUE));
        cli.addSubcommand("subscriptions", SubscriptionCommands.commandLine(root));
        cli.addSubcommand("cluster", ClusterCommands.commandLine(root));
        cli.addSubcommand("produce", new ProduceCommand(root));
        cli.addSubcommand("consume", new ConsumeCommand(root));
        cli.addSubcommand("browse", new BrowseCommand(root));
        return cli;
    }

    /** Connects to {@code --url}; a malformed URL is a usage error. */
    LogJmsAdmin connect() {
        AdminUrl parsed = adminUrl();
        return LogJmsAdmin.connect(parsed, LogJmsAdmin.DEFAULT_CONNECT_TIMEOUT, LogJmsAdmin.DEFAULT_REQUEST_TIMEOUT);
    }

    /** The parsed {@code --url}; a malformed URL is a usage error. */
    AdminUrl adminUrl() {
        try {
            return AdminUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, url);
        }
    }

    /** A JMS connection factory for {@code --url}, for the commands that send and receive messages. */
    LogJmsConnectionFactory connectionFactory() {
        AdminUrl parsed = adminUrl();
        String host = parsed.host().contains(":") ? "[" + parsed.host() + "]" : parsed.host();
        LogJmsConnectionFactory factory = new LogJmsConnectionFactory("logjms://" + host + ":" + parsed.port());
        factory.setUser(parsed.user());
        factory.setPassword(parsed.password());
        return factory;
    }

    boolean json() {
        return json;
    }

    InputStream in() {
        return in;
    }

    PrintWriter out() {
        return out;
    }

    /** Prints a result: the text, or the JSON tree when {@code --json} was given. */
    void show(String text, Object jsonTree) {
        out.print(json ? Json.write(jsonTree) + "\n" : text);
        out.flush();
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AdminCli.class.getPackage().getImplementationVersion();
            return new String[] {"logjms " + (v == null ? "(development build)" : v)};
        }
    }
}
