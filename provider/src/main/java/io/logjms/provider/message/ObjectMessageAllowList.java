package io.logjms.provider.message;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The classes an {@link jakarta.jms.ObjectMessage} may deserialize. Deserializing arbitrary classes
 * from a message lets whoever can send a message run code in the receiver, so only listed classes
 * are accepted; arrays are judged by their element type and primitive arrays are always accepted.
 *
 * <p>A list is parsed from comma-separated patterns, as in {@code "com.acme.*,org.foo.Bar"}:
 * <ul>
 *   <li>{@code com.acme.Order} allows that class (nested classes are named {@code Outer$Inner});
 *   <li>{@code com.acme.*} allows the classes of package {@code com.acme}, not of its subpackages;
 *   <li>{@code com.acme.**} allows package {@code com.acme} and all its subpackages;
 *   <li>{@code *} allows every class.
 * </ul>
 *
 * <p>{@link #DEFAULT} allows {@code java.lang.*}, {@code java.util.*}, {@code java.time.*} and
 * {@code java.math.*}. {@link #fromSystemProperty()} reads the system property {@value
 * #SYSTEM_PROPERTY} and falls back to {@link #DEFAULT}. Immutable.
 */
public final class ObjectMessageAllowList {
    /** The system property holding the allow-list used when none is configured explicitly. */
    public static final String SYSTEM_PROPERTY = "logjms.objectMessage.allowList";

    // declared before DEFAULT and ALLOW_ALL, which are parsed during class initialization
    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    /** Secure by default: only common value types of the JDK. */
    public static final ObjectMessageAllowList DEFAULT =
            parse("java.lang.*,java.util.*,java.time.*,java.math.*");

    /** Every class: only for senders that are fully trusted. */
    public static final ObjectMessageAllowList ALLOW_ALL = parse("*");

    private final List<String> patterns;
    private final boolean allowAll;
    private final Set<String> classes = new HashSet<>();
    private final Set<String> packages = new HashSet<>();
    private final List<String> packageTrees = new ArrayList<>();

    private ObjectMessageAllowList(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        boolean all = false;
        for (String pattern : patterns) {
            if (pattern.equals("*")) {
                all = true;
            } else if (pattern.endsWith(".**")) {
                packageTrees.add(pattern.substring(0, pattern.length() - 3));
            } else if (pattern.endsWith(".*")) {
                packages.add(pattern.substring(0, pattern.length() - 2));
            } else {
                classes.add(pattern);
            }
        }
        this.allowAll = all;
    }

    /**
     * Parses comma-separated patterns; blanks around them and empty entries are ignored.
     *
     * @throws IllegalArgumentException naming a pattern that is not one of the forms above
     */
    public static ObjectMessageAllowList parse(String patterns) {
        List<String> parsed = new ArrayList<>();
        for (String raw : patterns.split(",")) {
            String pattern = raw.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            if (!isValidPattern(pattern)) {
                throw new IllegalArgumentException("invalid ObjectMessage allow-list pattern '" + pattern
                        + "': use a class name, 'package.*', 'package.**' or '*'");
            }
            parsed.add(pattern);
        }
        return new ObjectMessageAllowList(parsed);
    }

    /** The list named by the system property {@value #SYSTEM_PROPERTY}, or {@link #DEFAULT} when it is unset or blank. */
    public static ObjectMessageAllowList fromSystemProperty() {
        String value = System.getProperty(SYSTEM_PROPERTY);
        return value == null || value.isBlank() ? DEFAULT : parse(value);
    }

    /** This list with the given comma-separated patterns added. */
    public ObjectMessageAllowList with(String morePatterns) {
        List<String> combined = new ArrayList<>(patterns);
        combined.addAll(parse(morePatterns).patterns);
        return new ObjectMessageAllowList(combined);
    }

    /** The patterns, in the order given. */
    public List<String> patterns() {
        return patterns;
    }

    /** Whether instances of {@code type} may be deserialized; an array is judged by its element type. */
    public boolean allows(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        return element.isPrimitive() || allowsClassName(element.getName());
    }

    /** Whether the class of this binary name (such as {@code com.acme.Order$Line}) is allowed. */
    public boolean allowsClassName(String className) {
        if (allowAll || classes.contains(className)) {
            return true;
        }
        int lastDot = className.lastIndexOf('.');
        String packageName = lastDot < 0 ? "" : className.substring(0, lastDot);
        if (packages.contains(packageName)) {
            return true;
        }
        for (String tree : packageTrees) {
            if (packageName.equals(tree) || packageName.startsWith(tree + ".")) {
                return true;
            }
        }
        return false;
    }

    /** A deserialization filter that accepts the allowed classes and rejects all others. */
    public ObjectInputFilter asFilter() {
        return info -> {
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            return allows(type) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectMessageAllowList other && patterns.equals(other.patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }

    private static boolean isValidPattern(String pattern) {
        if (pattern.equals("*")) {
            return true;
        }
        String name = pattern;
        if (pattern.endsWith(".**")) {
            name = pattern.substring(0, pattern.length() - 3);
        } else if (pattern.endsWith(".*")) {
            name = pattern.substring(0, pattern.length() - 2);
        }
        return QUALIFIED_NAME.matcher(name).matches();
    }
}
