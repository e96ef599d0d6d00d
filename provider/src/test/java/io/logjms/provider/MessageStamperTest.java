package io.logjms.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.provider.message.LogJmsTextMessage;
import jakarta.jms.DeliveryMode;
import org.junit.jupiter.api.Test;

class MessageStamperTest {
    private final LogJmsQueue queue = new LogJmsQueue("q");

    @Test
    void setsTheProviderOwnedHeaders() throws Exception {
        LogJmsTextMessage message = new LogJmsTextMessage("x");
        MessageStamper.stamp(message, queue, new MessageStamper.SendParameters(DeliveryMode.NON_PERSISTENT, 8, 1000,
                500, false, false), "ID:1", 10_000L);
        assertThat(message.getJMSDestination()).isEqualTo(queue);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(message.getJMSPriority()).isEqualTo(8);
        assertThat(message.getJMSMessageID()).isEqualTo("ID:1");
        assertThat(message.getJMSTimestamp()).isEqualTo(10_000L);
        assertThat(message.getJMSExpiration()).isEqualTo(11_000L);
        assertThat(message.getJMSDeliveryTime()).isEqualTo(10_500L);
    }

    @Test
    void disabledIdsAndTimestampsAndNoTimeToLiveLeaveZerosAndNull() throws Exception {
        LogJmsTextMessage message = new LogJmsTextMessage("x");
        message.setJMSMessageID("ID:old");
        MessageStamper.stamp(message, queue, new MessageStamper.SendParameters(DeliveryMode.PERSISTENT, 4, 0, 0,
                true, true), "ID:2", 10_000L);
        assertThat(message.getJMSMessageID()).isNull();
        assertThat(message.getJMSTimestamp()).isZero();
        assertThat(message.getJMSExpiration()).isZero();
        assertThat(message.getJMSDeliveryTime()).isEqualTo(10_000L);
    }
}
