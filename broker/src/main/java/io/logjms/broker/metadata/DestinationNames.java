package io.logjms.broker.metadata;

/**
 * The rule for destination names (the JMS queue or topic name). A name is 1 to {@value #MAX_LENGTH} characters
 * from {@code A-Z a-z 0-9 . _ -}, and is neither {@code .} nor {@code ..}. That set is safe as part of a file
 * name on every common file system and needs no escaping; the length leaves room for the {@code queue.} or
 * {@code topic.} prefix of {@link DestinationKey#logName()} and a partition suffix within the usual 255-byte
 * file name limit. Names are case-sensitive.
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

    /**
     * Checks a name.
     *
     * @return the name
     * @throws InvalidMetadataException if the name does not follow the rule
     */
    public static String validate(String name) {
        if (!isValid(name)) {
            throw new InvalidMetadataException("Invalid destination name '" + name + "': expected " + RULE);
        }
        return name;
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }
}
