package io.logjms.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AclFileTest {

    private static AccessPolicy policy(String acl, String groups) {
        return new AccessPolicy(AclFile.parse(List.of(acl.split("\n")), "acl"),
                GroupsFile.parse(List.of(groups.split("\n")), "groups"));
    }

    @Test
    void firstMatchingRuleDecidesAndNothingIsAllowedThatNoRuleAllows() {
        AccessPolicy policy = policy("""
                # orders: the shop writes, billing reads
                deny user:mallory * *
                allow user:shop produce queue:orders
                allow group:billing consume,browse queue:orders   # trailing comment
                allow * produce topic:events.*
                """, "billing=bob, carol\n");

        assertThat(policy.allows("shop", Operation.PRODUCE, Resource.queue("orders"))).isTrue();
        assertThat(policy.allows("shop", Operation.CONSUME, Resource.queue("orders"))).isFalse();
        assertThat(policy.allows("carol", Operation.CONSUME, Resource.queue("orders"))).isTrue();
        assertThat(policy.allows("carol", Operation.CONSUME, Resource.topic("orders"))).isFalse();
        assertThat(policy.allows("mallory", Operation.PRODUCE, Resource.topic("events.x"))).isFalse();
        assertThat(policy.allows(null, Operation.PRODUCE, Resource.topic("events.x"))).isTrue();
        assertThat(policy.allows("shop", Operation.PRODUCE, Resource.topic("events"))).isFalse();
    }

    @Test
    void globsMatchAnyRunWithStarAndOneCharacterWithQuestionMark() {
        AccessPolicy policy = policy("allow * produce queue:a?c.*\n", "");

        assertThat(policy.allows("u", Operation.PRODUCE, Resource.queue("abc."))).isTrue();
        assertThat(policy.allows("u", Operation.PRODUCE, Resource.queue("abc.x.y"))).isTrue();
        assertThat(policy.allows("u", Operation.PRODUCE, Resource.queue("ac.x"))).isFalse();
        assertThat(policy.allows("u", Operation.PRODUCE, Resource.queue("abcx"))).isFalse();
    }

    @Test
    void consumeOnAQueueAllowsBrowsingButNotOnATopicAndOnlyStarCoversListings() {
        AccessPolicy policy = policy("""
                allow user:a consume queue:*
                allow user:a consume topic:*
                allow user:ops admin queue:*
                allow user:root admin *
                """, "");

        assertThat(policy.allows("a", Operation.BROWSE, Resource.queue("q"))).isTrue();
        assertThat(policy.allows("a", Operation.BROWSE, Resource.topic("t"))).isFalse();
        assertThat(policy.allows("ops", Operation.ADMIN, Resource.queue("q"))).isTrue();
        assertThat(policy.allows("ops", Operation.ADMIN, Resource.ALL)).isFalse();
        assertThat(policy.allows("root", Operation.ADMIN, Resource.ALL)).isTrue();
    }

    @Test
    void aDenyBeforeAnAllowWinsAndUserRulesNeverMatchAnonymous() {
        AccessPolicy policy = policy("""
                deny user:bob browse queue:secret
                allow group:staff consume queue:*
                """, "staff=bob");

        assertThat(policy.allows("bob", Operation.BROWSE, Resource.queue("secret"))).isFalse();
        assertThat(policy.allows("bob", Operation.CONSUME, Resource.queue("secret"))).isTrue();
        assertThat(policy.allows(null, Operation.CONSUME, Resource.queue("secret"))).isFalse();
    }

    @Test
    void malformedLinesAreReportedWithSourceAndLine() {
        assertThatThrownBy(() -> AclFile.parse(List.of("# ok", "", "permit * produce *"), "/etc/acl"))
                .isInstanceOf(AclSyntaxException.class)
                .hasMessageContaining("/etc/acl line 3").hasMessageContaining("allow or deny");
        assertThatThrownBy(() -> AclFile.parse(List.of("allow * publish *"), "f"))
                .hasMessageContaining("f line 1").hasMessageContaining("unknown operation 'publish'");
        assertThatThrownBy(() -> AclFile.parse(List.of("allow bob produce *"), "f"))
                .hasMessageContaining("principal 'bob'");
        assertThatThrownBy(() -> AclFile.parse(List.of("allow * produce orders"), "f"))
                .hasMessageContaining("resource 'orders'");
        assertThatThrownBy(() -> AclFile.parse(List.of("allow * produce queue:a/b"), "f"))
                .hasMessageContaining("resource 'queue:a/b'");
        assertThatThrownBy(() -> AclFile.parse(List.of("allow * produce"), "f"))
                .hasMessageContaining("4 words");
        assertThatThrownBy(() -> GroupsFile.parse(List.of("ops=a", "just words"), "g"))
                .hasMessageContaining("g line 2");
        assertThatThrownBy(() -> GroupsFile.parse(List.of("ops=a", "ops=b"), "g"))
                .hasMessageContaining("g line 2").hasMessageContaining("listed twice");
    }
}
