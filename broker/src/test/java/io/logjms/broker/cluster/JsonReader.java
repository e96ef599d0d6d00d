package io.logjms.broker.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON the admin CLI prints into maps, lists, strings, longs, booleans and nulls (tests only). */
final class JsonReader {
    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    static Object read(String text) {
        JsonReader r = new JsonReader(text);
        Object value = r.value();
        r.space();
        if (r.at != text.length()) {
            throw new IllegalArgumentException("text after the JSON value at " + r.at + ": " + text);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        return (Map<String, Object>) read(text);
    }

    private Object value() {
        space();
        char c = text.charAt(at);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            at++;
            space();
            if (text.charAt(at) == '}') {
                at++;
                return m;
            }
            do {
                space();
                String key = string();
                space();
                expect(':');
                m.put(key, value());
                space();
            } while (text.charAt(at++) == ',');
            check(text.charAt(at - 1) == '}', "}");
            return m;
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            at++;
            space();
            if (text.charAt(at) == ']') {
                at++;
                return l;
            }
            do {
                l.add(value());
                space();
            } while (text.charAt(at++) == ',');
            check(text.charAt(at - 1) == ']', "]");
            return l;
        }
        if (c == '"') {
            return string();
        }
        for (String word : List.of("true", "false", "null")) {
            if (text.startsWith(word, at)) {
                at += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        int start = at;
        while (at < text.length() && "-0123456789".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        check(at > start, "a value");
        return Long.parseLong(text.substring(start, at));
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (text.charAt(at) != '"') {
            char c = text.charAt(at++);
            if (c == '\\') {
                char e = text.charAt(at++);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'u' -> {
                        char u = (char) Integer.parseInt(text.substring(at, at + 4), 16);
                        at += 4;
                        yield u;
                    }
                    default -> e;
                });
            } else {
                sb.append(c);
            }
        }
        at++;
        return sb.toString();
    }

    private void expect(char c) {
        check(text.charAt(at) == c, "'" + c + "'");
        at++;
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("expected " + what + " at " + at + " in " + text);
        }
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
