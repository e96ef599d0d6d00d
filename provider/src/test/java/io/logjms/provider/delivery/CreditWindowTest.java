package io.logjms.provider.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CreditWindowTest {

    @Test
    void grantsTheUsedCreditBackOnceAQuarterOfTheWindowIsUsed() {
        CreditWindow window = new CreditWindow(20);
        assertThat(window.initialCredit()).isEqualTo(20);
        for (int i = 0; i < 4; i++) {
            assertThat(window.consumed(1)).isZero();
        }
        assertThat(window.consumed(1)).isEqualTo(5);
        assertThat(window.consumed(7)).isEqualTo(7);
        window.consumed(2);
        window.reset();
        assertThat(window.consumed(4)).isZero();
    }

    @Test
    void aWindowOfOneGrantsEveryRecord() {
        CreditWindow window = new CreditWindow(1);
        assertThat(window.consumed(1)).isEqualTo(1);
        assertThatThrownBy(() -> new CreditWindow(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The broker's credit plus the buffer never exceed the prefetch: what is granted is what was used. */
    @Property
    void grantsNeverExceedWhatWasConsumed(@ForAll @IntRange(min = 1, max = 500) int prefetch,
                                          @ForAll @IntRange(min = 0, max = 2000) int records) {
        CreditWindow window = new CreditWindow(prefetch);
        long granted = 0;
        for (int i = 0; i < records; i++) {
            granted += window.consumed(1);
            assertThat(granted).isLessThanOrEqualTo(i + 1);
            assertThat(i + 1 - granted).isLessThan(Math.max(1, prefetch / 4));
        }
    }
}
