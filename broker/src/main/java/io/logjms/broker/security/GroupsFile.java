package io.logjms.broker.security;

import io.logjms.broker.config.BrokerConfigKeys;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a groups file ({@code security.groups.file}): UTF-8, one {@code group=user1,user2} line per group,
 * {@code #} comments. Answers the groups of a user. Immutable and thread-safe.
 */
public final class GroupsFile {
    static final String KEY = BrokerConfigKeys.SECURITY_GROUPS_FILE.name();
    private static final GroupsFile NONE = new GroupsFile(Map.of());

    private final Map<String, Set<String>> groupsOfUser;

    private GroupsFile(Map<String, Set<String>> groupsOfUser) {
        this.groupsOfUser = groupsOfUser;
    }

    /** No groups at all. */
    public static GroupsFile none() {
        return NONE;
    }

    /**
     * Reads the file.
     *
     * @throws AclSyntaxException naming the file and line of a malformed entry, or why it cannot be read
     */
    public static GroupsFile load(Path file) {
        return parse(AclFile.readLines(KEY, file), file.toString());
    }

    static GroupsFile parse(List<String> lines, String source) {
        Map<String, Set<String>> groupsOfUser = new HashMap<>();
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = AclFile.stripComment(lines.get(i)).strip();
            if (text.isEmpty()) {
                continue;
            }
            int eq = text.indexOf('=');
            String group = eq < 0 ? "" : text.substring(0, eq).strip();
            if (group.isEmpty() || group.chars().anyMatch(Character::isWhitespace)) {
                throw new AclSyntaxException(KEY, source, i + 1, "expected 'group=user1,user2', found '" + text + "'");
            }
            if (!seen.add(group)) {
                throw new AclSyntaxException(KEY, source, i + 1, "group '" + group + "' is listed twice");
            }
            for (String user : text.substring(eq + 1).split(",")) {
                String name = user.strip();
                if (!name.isEmpty()) {
                    groupsOfUser.computeIfAbsent(name, u -> new TreeSet<>()).add(group);
                }
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        groupsOfUser.forEach((user, groups) -> frozen.put(user, Set.copyOf(groups)));
        return new GroupsFile(Map.copyOf(frozen));
    }

    /** The groups {@code user} belongs to; none for null (anonymous). */
    public Set<String> groupsOf(String user) {
        return user == null ? Set.of() : groupsOfUser.getOrDefault(user, Set.of());
    }
}
