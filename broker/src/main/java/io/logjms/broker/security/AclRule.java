package io.logjms.broker.security;

import java.util.Set;

/**
 * One line of an ACL file: {@code allow|deny <principal> <operation>[,<operation>...] <resource>}.
 * A rule with {@code consume} on queues also covers {@code browse} of them. Immutable.
 *
 * @param allow whether a match allows (else denies)
 * @param principal {@code user:<name>}, {@code group:<name>} or {@code *}
 * @param operations the operations it covers
 * @param resourceKind the kind of destination it covers ({@link Resource.Kind#ALL} for {@code *})
 * @param names the destination names it covers (null for {@code *})
 * @param line the line number in its file, for messages
 */
record AclRule(boolean allow, String principal, Set<Operation> operations, Resource.Kind resourceKind, Glob names,
               int line) {

    /** Whether the rule speaks about this user (with these groups), operation and resource. */
    boolean matches(String user, Set<String> groups, Operation operation, Resource resource) {
        return matchesPrincipal(user, groups) && matchesOperation(operation, resource) && matchesResource(resource);
    }

    private boolean matchesPrincipal(String user, Set<String> groups) {
        if (principal.equals("*")) {
            return true;
        }
        if (principal.startsWith("user:")) {
            return user != null && principal.substring(5).equals(user);
        }
        return groups.contains(principal.substring(6));
    }

    private boolean matchesOperation(Operation operation, Resource resource) {
        return operations.contains(operation) || (operation == Operation.BROWSE
                && resource.kind() == Resource.Kind.QUEUE && operations.contains(Operation.CONSUME));
    }

    private boolean matchesResource(Resource resource) {
        if (resourceKind == Resource.Kind.ALL) {
            return true;
        }
        return resource.kind() == resourceKind && names.matches(resource.name());
    }
}
