package io.logjms.broker.security;

import java.util.List;
import java.util.Set;

/**
 * ACL rules and groups together: the first rule that matches decides, and what no rule allows is denied.
 * Anonymous users (null) match only rules for {@code *}. Immutable and thread-safe.
 */
public final class AccessPolicy {
    private final List<AclRule> rules;
    private final GroupsFile groups;

    public AccessPolicy(List<AclRule> rules, GroupsFile groups) {
        this.rules = List.copyOf(rules);
        this.groups = groups;
    }

    /** Whether {@code user} (null: anonymous) may apply {@code operation} to {@code resource}. */
    public boolean allows(String user, Operation operation, Resource resource) {
        Set<String> userGroups = groups.groupsOf(user);
        for (AclRule rule : rules) {
            if (rule.matches(user, userGroups, operation, resource)) {
                return rule.allow();
            }
        }
        return false;
    }

    int ruleCount() {
        return rules.size();
    }
}
