package io.logjms.broker.admin;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a tree of maps, lists, strings, numbers, booleans and nulls as indented JSON (two spaces per
 * level). Map keys are written with {@code toString()} in the map's iteration order.
 */
public final class Json {
    private static final String INDENT = "  ";

    private Json() {
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    /** The value on one line, with no whitespace between tokens (JSON Lines, as {@code consume --json} prints). */
    public static String writeLine(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, -1);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, int depth) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof CharSequence s) {
            string(sb, s);
        } else if (value instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (value instanceof Number n) {
            number(sb, n);
        } else if (value instanceof Map<?, ?> m) {
            object(sb, m, depth);
        } else if (value instanceof Iterable<?> list) {
            array(sb, list, depth);
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder sb, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            sb.append("{}");
            return;
        }
        boolean compact = depth < 0;
        sb.append('{');
        String sep = compact ? "" : "\n";
        for (Map.Entry<?, ?> e : map.entrySet()) {
            sb.append(sep);
            indent(sb, depth + 1);
            string(sb, String.valueOf(e.getKey()));
            sb.append(compact ? ":" : ": ");
            write(sb, e.getValue(), compact ? depth : depth + 1);
            sep = compact ? "," : ",\n";
        }
        if (!compact) {
            sb.append('\n');
        }
        indent(sb, depth);
        sb.append('}');
    }

    private static void array(StringBuilder sb, Iterable<?> list, int depth) {
        Iterator<?> it = list.iterator();
        if (!it.hasNext()) {
            sb.append("[]");
            return;
        }
        boolean compact = depth < 0;
        sb.append('[');
        String sep = compact ? "" : "\n";
        while (it.hasNext()) {
            sb.append(sep);
            indent(sb, depth + 1);
            write(sb, it.next(), compact ? depth : depth + 1);
            sep = compact ? "," : ",\n";
        }
        if (!compact) {
            sb.append('\n');
        }
        indent(sb, depth);
        sb.append(']');
    }

    private static void number(StringBuilder sb, Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no form for " + d);
            }
            sb.append(BigDecimal.valueOf(d).toPlainString());
        } else if (n instanceof BigDecimal bd) {
            sb.append(bd.toPlainString());
        } else if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger) {
            sb.append(n);
        } else {
            throw new IllegalArgumentException("no JSON form for " + n.getClass().getName());
        }
    }

    private static void string(StringBuilder sb, CharSequence s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    // U+2028/2029 are valid JSON but break JavaScript string literals: escape them too
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append(INDENT.repeat(Math.max(0, depth)));
    }
}
