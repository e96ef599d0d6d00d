package io.logjms.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.jms.InvalidSelectorException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Evaluation without arithmetic must not allocate: the broker runs it for every record it reads. */
@Timeout(30)
class SelectorAllocationTest {

    private static final int EVALUATIONS = 200_000;

    @Test
    void evaluationWithoutArithmeticAllocatesNothing() throws InvalidSelectorException {
        com.sun.management.ThreadMXBean threads = hotSpotThreadBean();
        Selector selector = Selector.parse("color IN ('red', 'blue') AND weight BETWEEN 10 AND 2000.5"
                + " AND name LIKE 'a%b_c' AND NOT (missing IS NOT NULL) AND (JMSPriority > 4 OR flag)"
                + " AND JMSType <> 'truck' AND missing2 IS NULL");
        MapMessageView message = MapMessageView.of("color", "blue", "weight", 1500, "name", "axxbyc",
                "JMSPriority", 7, "flag", false, "JMSType", "car");
        int matched = 0;
        for (int i = 0; i < EVALUATIONS; i++) {
            matched += selector.matches(message) ? 1 : 0;
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < EVALUATIONS; i++) {
            matched += selector.matches(message) ? 1 : 0;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(matched).isEqualTo(2 * EVALUATIONS);
        assertThat(allocated).as("bytes allocated by %d evaluations", EVALUATIONS).isLessThan(EVALUATIONS / 10);
    }

    private static com.sun.management.ThreadMXBean hotSpotThreadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "thread allocation accounting is off");
        return threads;
    }
}
