package io.logjms.protocol;

/**
 * The rule for destination names (the JMS queue or topic name, without options), shared by the client,
 * which checks a name where a destination is created, and the broker, which checks every name it is
 * sent. A name is 1 to {@value #MAX_LENGTH} characters from {@code A-Z a-z 0-9 . _ -}, and is neither
 * {@code .} nor {@code ..}. That set is safe as part of a file name on every common file system and
 * needs no escaping; the length leaves room for the {@code queue.} or {@code topic.} prefix of a
 * destination's log name and a partition suffix within the usual 255-byte file name limit. Names are
 * case-sensitive.
 */
public final class DestinationNames {
    /** The longest allowed name, in characters. */
    public static final int MAX_LENGTH = 240;

    /** The rule as a phrase for error messages and documentation. */
    public static final String RULE = "1.." + MAX_LENGTH + " characters from A-Z a-z 0-9 . _ -, not . or ..";

    private DestinationNames() {
    }

    /** Whether {@code name} follows the rule. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isAllowed(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Why {@code name} breaks the rule, naming it and the rule; for error messages. */
    public static String invalidNameMessage(String name) {
        return "invalid destination name '" + name + "': expected " + RULE;
    }

    /** Whether {@code c} may appear in a name. */
    public static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }
}
