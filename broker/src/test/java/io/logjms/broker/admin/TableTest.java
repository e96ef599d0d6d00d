package io.logjms.broker.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsArePaddedToTheWidestCellAndNumbersAlignRight() {
        String out = new Table().left("NAME").right("N").left("NOTE")
                .row("a", 5, "x")
                .row("longer.name", 12345, null)
                .render();
        assertThat(out).isEqualTo("""
                NAME             N  NOTE
                a                5  x
                longer.name  12345  -
                """);
    }

    @Test
    void noLineEndsInSpaces() {
        String out = new Table().left("A").left("B").row("value", "").row("v", "w").render();
        assertThat(out.lines()).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
    }

    @Test
    void rowsWithoutTheHeaderMakeAnIndentedBlock() {
        String out = new Table().left("").left("").row("kind", "durable").row("client id", "app").renderRows("  ");
        assertThat(out).isEqualTo("""
                  kind       durable
                  client id  app
                """);
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThatThrownBy(() -> new Table().left("A").left("B").row("only one"))
                .hasMessage("row of 1 cells in a table of 2 columns");
    }
}
