package io.logjms.broker.security;

import io.logjms.broker.config.BrokerConfigKeys;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an ACL file ({@code security.acl.file}): UTF-8, one rule per line,
 * {@code allow|deny <principal> <operation>[,<operation>...] <resource>}, where the principal is
 * {@code user:<name>}, {@code group:<name>} or {@code *}; an operation is one of {@link Operation} or
 * {@code *}; the resource is {@code queue:<glob>}, {@code topic:<glob>} or {@code *}. {@code #} starts a
 * comment (at the start of a line or after whitespace); blank lines are ignored. Stateless.
 */
public final class AclFile {
    static final String KEY = BrokerConfigKeys.SECURITY_ACL_FILE.name();
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9._*?-]+");

    private AclFile() {
    }

    /**
     * Reads and parses the file.
     *
     * @throws AclSyntaxException naming the file and line of the first malformed rule, or why the file
     *         cannot be read
     */
    public static List<AclRule> load(Path file) {
        return parse(readLines(KEY, file), file.toString());
    }

    /** Parses rules given as lines; {@code source} names them in messages. */
    static List<AclRule> parse(List<String> lines, String source) {
        List<AclRule> rules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = stripComment(lines.get(i)).strip();
            if (!text.isEmpty()) {
                rules.add(parseRule(text, source, i + 1));
            }
        }
        return List.copyOf(rules);
    }

    static List<String> readLines(String key, Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AclSyntaxException(key, "file not found: " + file + " (" + key + ")", e);
        } catch (CharacterCodingException e) {
            throw new AclSyntaxException(key, file + " is not valid UTF-8 (" + key + ")", e);
        } catch (IOException e) {
            throw new AclSyntaxException(key, "cannot read " + file + ": " + e + " (" + key + ")", e);
        }
    }

    static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static AclRule parseRule(String text, String source, int line) {
        String[] parts = text.split("\\s+");
        if (parts.length != 4) {
            throw new AclSyntaxException(KEY, source, line, "expected 'allow|deny <principal> <operation>[,...] "
                    + "<resource>' (4 words), found " + parts.length + " word(s) in '" + text + "'");
        }
        boolean allow = switch (parts[0]) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw new AclSyntaxException(KEY, source, line, "a rule starts with allow or deny, not '"
                    + parts[0] + "'");
        };
        String principal = principal(parts[1], source, line);
        Set<Operation> operations = operations(parts[2], source, line);
        if (parts[3].equals("*")) {
            return new AclRule(allow, principal, operations, Resource.Kind.ALL, null, line);
        }
        Resource.Kind kind;
        String glob;
        if (parts[3].startsWith("queue:")) {
            kind = Resource.Kind.QUEUE;
            glob = parts[3].substring(6);
        } else if (parts[3].startsWith("topic:")) {
            kind = Resource.Kind.TOPIC;
            glob = parts[3].substring(6);
        } else {
            throw new AclSyntaxException(KEY, source, line, "resource '" + parts[3]
                    + "' is not queue:<glob>, topic:<glob> or *");
        }
        if (!GLOB.matcher(glob).matches()) {
            throw new AclSyntaxException(KEY, source, line, "resource '" + parts[3] + "' needs a name pattern of "
                    + "A-Z a-z 0-9 . _ - with * (any run of characters) and ? (one character)");
        }
        return new AclRule(allow, principal, operations, kind, Glob.of(glob), line);
    }

    private static String principal(String text, String source, int line) {
        if (text.equals("*") || (text.startsWith("user:") && text.length() > 5)
                || (text.startsWith("group:") && text.length() > 6)) {
            return text;
        }
        throw new AclSyntaxException(KEY, source, line, "principal '" + text
                + "' is not user:<name>, group:<name> or *");
    }

    private static Set<Operation> operations(String text, String source, int line) {
        Set<Operation> operations = EnumSet.noneOf(Operation.class);
        for (String word : text.split(",", -1)) {
            if (word.equals("*")) {
                operations.addAll(EnumSet.allOf(Operation.class));
            } else {
                operations.add(Operation.byWord(word).orElseThrow(() -> new AclSyntaxException(KEY, source, line,
                        "unknown operation '" + word + "' (expected " + Operation.words() + " or *)")));
            }
        }
        return Set.copyOf(operations);
    }
}
