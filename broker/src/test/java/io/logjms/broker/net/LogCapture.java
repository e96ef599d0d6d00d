package io.logjms.broker.net;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Records what is logged while it is open. The tests' slf4j binding is slf4j-simple, which prints each
 * event to the {@code System.err} of the moment ({@code simplelogger.properties}: {@code logFile=System.err},
 * not cached): this tees {@code System.err}, so the output still shows, and parses the lines back
 * ({@code <date> [<thread>] <LEVEL> <logger> - <message>}). One at a time: it replaces a global stream.
 */
final class LogCapture implements AutoCloseable {
    /** A logged event: its level, its logger's short name and its first line of message. */
    record Event(String level, String logger, String message) {
        boolean aboveInfo() {
            return level.equals("WARN") || level.equals("ERROR");
        }

        @Override
        public String toString() {
            return level + " " + logger + " - " + message;
        }
    }

    private static final Pattern EVENT = Pattern.compile("\\[[^\\]]*\\] (TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - (.*)");

    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
        String binding = LoggerFactory.getILoggerFactory().getClass().getName();
        if (!binding.equals("org.slf4j.simple.SimpleLoggerFactory")) {
            throw new IllegalStateException("LogCapture reads slf4j-simple's output, but the slf4j binding is " + binding);
        }
        original = System.err;
        System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    }

    static LogCapture start() {
        return new LogCapture();
    }

    /** Every event logged so far, in order; stack-trace lines are left out. */
    List<Event> events() {
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        List<Event> events = new ArrayList<>();
        for (String line : text.split("\\R")) {
            Matcher m = EVENT.matcher(line);
            if (m.find()) {
                events.add(new Event(m.group(1), m.group(2), m.group(3)));
            }
        }
        return events;
    }

    /** Events logged at WARN or ERROR. */
    List<Event> aboveInfo() {
        return events().stream().filter(Event::aboveInfo).toList();
    }

    /** Everything written to {@code System.err} so far, stack traces included, for failure messages. */
    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream second;

        Tee(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) {
            synchronized (second) {
                second.write(b);
            }
            try {
                first.write(b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (second) {
                second.write(b, off, len);
            }
            try {
                first.write(b, off, len);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
        }
    }
}
