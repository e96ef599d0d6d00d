package io.logjms.compat;

import io.logjms.compat.artemis.ArtemisProvider;
import io.logjms.compat.logjms.LogJmsProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JMS providers every scenario runs against. This is the single place to register a provider:
 * add one {@link ProviderKind} line to {@link #ALL}.
 *
 * <p>The system property {@value #SELECTION_PROPERTY} (a comma-separated list of names) restricts a run to some
 * providers, e.g. {@code -Dcompat.providers=artemis}.
 */
public final class Providers {

    /** System property naming the providers to run; all registered providers when absent or blank. */
    public static final String SELECTION_PROPERTY = "compat.providers";
    private static final String QUEUE_VS_LOG_PACKAGE = "io.logjms.compat.queuevslog";

    private static final List<ProviderKind> ALL = List.of(
            new ProviderKind(ArtemisProvider.NAME, ArtemisProvider::start),
            new ProviderKind(LogJmsProvider.NAME, LogJmsProvider::start),
            // Over TLS the spec scenarios and JORAM run, not the queue-vs-log comparison: it compares a queue with a
            // log, which TLS does not change, and its dedicated, restarted brokers made it the TLS column's
            // costliest part (compat-tests/README.md, "logjms over TLS").
            new ProviderKind(LogJmsProvider.TLS_NAME, LogJmsProvider::startWithTls, false));

    private Providers() {
    }

    /** The registered providers, restricted to those selected by {@value #SELECTION_PROPERTY}. */
    public static List<ProviderKind> selected() {
        String selection = System.getProperty(SELECTION_PROPERTY, "").trim();
        if (selection.isEmpty()) {
            return ALL;
        }
        Set<String> names = Arrays.stream(selection.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toSet());
        List<ProviderKind> chosen = ALL.stream().filter(kind -> names.contains(kind.name())).toList();
        if (chosen.size() != names.size()) {
            throw new IllegalArgumentException(SELECTION_PROPERTY + "=" + selection
                    + " names an unknown provider; known: " + names());
        }
        return chosen;
    }

    /**
     * The selected providers a scenario of {@code testClass} runs against: those in the queue-vs-log comparison
     * for its classes, all selected ones otherwise.
     */
    public static List<ProviderKind> selectedFor(Class<?> testClass) {
        boolean queueVsLog = testClass.getPackageName().equals(QUEUE_VS_LOG_PACKAGE);
        return selected().stream().filter(kind -> !queueVsLog || kind.inQueueVsLog()).toList();
    }

    /** Names of all registered providers. */
    public static List<String> names() {
        return ALL.stream().map(ProviderKind::name).toList();
    }
}
