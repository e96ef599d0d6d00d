package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.api.SubscriptionKind;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A durable subscription's definition as stored: version 2 keeps the incarnation, version 1 reads as 0. */
class SubscriptionDefinitionTest {

    @Test
    void theIncarnationSurvivesEncodingButDoesNotMakeADifferentSubscription() {
        SubscriptionDefinition d = new SubscriptionDefinition(SubscriptionKind.SHARED_DURABLE, "orders", "a = 1", true,
                1_765_000_000_123L);
        SubscriptionDefinition read = SubscriptionDefinition.decode(d.encode());
        assertThat(read).isEqualTo(d);
        assertThat(read.sameAs(d.withIncarnation(7))).as("the same consumer may join").isTrue();
    }

    @Test
    void aVersionOneDefinitionReadsAsIncarnationZero() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
        out.writeByte(SubscriptionKind.DURABLE.code());
        out.writeUTF("orders");
        out.writeBoolean(false);
        out.writeBoolean(false);
        assertThat(SubscriptionDefinition.decode(bytes.toByteArray()))
                .isEqualTo(new SubscriptionDefinition(SubscriptionKind.DURABLE, "orders", null, false, 0));
    }
}
