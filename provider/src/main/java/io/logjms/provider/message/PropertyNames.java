package io.logjms.provider.message;

import java.util.Set;

/**
 * The rule for property names (Jakarta Messaging 3.1, section 3.5.1): a name must be a Java identifier,
 * and it cannot be the name of a header field, which a selector would read instead of the property.
 * Selector keywords ({@code true}, {@code NULL} ...) are accepted as names, as other providers and the
 * JORAM conformance suite expect; such a property simply cannot be named in a selector.
 */
final class PropertyNames {
    static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";
    static final String JMSX_GROUP_ID = "JMSXGroupID";
    static final String JMSX_GROUP_SEQ = "JMSXGroupSeq";

    private static final Set<String> HEADER_FIELDS = Set.of("JMSDestination", "JMSDeliveryMode",
            "JMSDeliveryTime", "JMSExpiration", "JMSPriority", "JMSMessageID", "JMSTimestamp",
            "JMSCorrelationID", "JMSReplyTo", "JMSType", "JMSRedelivered");

    private PropertyNames() {
    }

    /** @throws IllegalArgumentException naming the rule the name breaks */
    static void validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name must not be null or empty");
        }
        if (!isJavaIdentifier(name)) {
            throw new IllegalArgumentException("property name '" + name
                    + "' is not a valid identifier: it must start with a Java identifier start character"
                    + " and continue with Java identifier part characters");
        }
        if (HEADER_FIELDS.contains(name)) {
            throw new IllegalArgumentException("property name '" + name + "' is the name of a JMS header field");
        }
    }

    private static boolean isJavaIdentifier(String name) {
        int first = name.codePointAt(0);
        if (!Character.isJavaIdentifierStart(first)) {
            return false;
        }
        for (int i = Character.charCount(first); i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (!Character.isJavaIdentifierPart(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
