package io.logjms.benchmarks.sidebyside;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another class's {@code main} (the logjms {@code BrokerMain}) and exits the JVM, running its
 * shutdown hooks, when standard input ends: that is when the benchmark that started this broker died
 * without stopping it.
 *
 * <p>Usage: {@code ParentWatchingMain MAIN_CLASS [ARGS...]}
 */
public final class ParentWatchingMain {
    private ParentWatchingMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ParentWatchingMain MAIN_CLASS [ARGS...]");
        }
        Thread watcher = new Thread(() -> {
            ServerSupport.awaitEndOfInput();
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
