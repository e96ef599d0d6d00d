package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.destination.DestinationException;
import io.logjms.broker.log.StaleLeaderEpochException;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.partition.NotLeaderException;
import io.logjms.broker.subscription.SubscriptionException;
import io.logjms.protocol.ErrorCode;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every layer's exceptions reach the client as the error code the protocol names for them. */
@Timeout(10)
class ErrorMappingTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @Test
    void eachLayersRefusalsMapToTheirCodes() {
        assertThat(ErrorMapping.codeFor(new RequestException(ErrorCode.CLIENT_ID_IN_USE, "in use")))
                .isEqualTo(ErrorCode.CLIENT_ID_IN_USE);
        assertThat(ErrorMapping.codeFor(new DestinationException(DestinationException.Reason.UNKNOWN_PARTITION, "p")))
                .isEqualTo(ErrorCode.UNKNOWN_PARTITION);
        assertThat(ErrorMapping.codeFor(new DestinationException(DestinationException.Reason.DESTINATION_EXISTS, "e")))
                .isEqualTo(ErrorCode.DESTINATION_EXISTS);
        assertThat(ErrorMapping.codeFor(new SubscriptionException(SubscriptionException.Reason.SUBSCRIPTION_IN_USE,
                "s"))).isEqualTo(ErrorCode.SUBSCRIPTION_IN_USE);
        assertThat(ErrorMapping.codeFor(new SubscriptionException(SubscriptionException.Reason.NOT_ANSWERED, "t")))
                .isEqualTo(ErrorCode.UNKNOWN_ERROR);
        assertThat(ErrorMapping.codeFor(new NotLeaderException(TP, "follower"))).isEqualTo(ErrorCode.NOT_LEADER);
        assertThat(ErrorMapping.codeFor(new StaleLeaderEpochException(TP, "old"))).isEqualTo(ErrorCode.NOT_LEADER);
    }

    @Test
    void everyReasonHasACodeOtherThanUnknownUnlessItIsABrokerFault() {
        for (DestinationException.Reason r : DestinationException.Reason.values()) {
            assertThat(DomainErrors.codeFor(r)).as("%s", r).isNotEqualTo(ErrorCode.UNKNOWN_ERROR);
        }
        for (SubscriptionException.Reason r : SubscriptionException.Reason.values()) {
            assertThat(DomainErrors.codeFor(r) == ErrorCode.UNKNOWN_ERROR).as("%s", r)
                    .isEqualTo(r == SubscriptionException.Reason.NOT_ANSWERED);
        }
    }

    @Test
    void aWrappedExceptionIsMappedByItsCause() {
        assertThat(ErrorMapping.codeFor(new CompletionException(
                new DestinationException(DestinationException.Reason.UNKNOWN_DESTINATION, "gone"))))
                .isEqualTo(ErrorCode.UNKNOWN_DESTINATION);
    }
}
