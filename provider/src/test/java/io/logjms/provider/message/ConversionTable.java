package io.logjms.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.MessageFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The JMS type conversion table (Jakarta Messaging 3.1, sections 3.5.4 and 3.11.3), written out
 * cell by cell: for each written value, what reading it as each type gives, or which exception.
 * Properties use the rows and columns without char and byte[].
 */
final class ConversionTable {
    enum ReadType {
        BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, STRING, BYTES
    }

    @FunctionalInterface
    interface Read {
        Object get() throws Exception;
    }

    private static final Class<?> MFE = MessageFormatException.class;
    private static final Class<?> NFE = NumberFormatException.class;
    private static final Class<?> NPE = NullPointerException.class;

    /** Marks the value written as "nothing written": a missing property or map entry, a null in a stream. */
    static final String NOTHING = "(null)";

    private static final byte[] BYTES = {1, 2, 3};

    // written value        boolean byte       short         char  int     long        float  double  String        byte[]
    private static final Object[][] ROWS = {
        {true,              true,   MFE,       MFE,          MFE,  MFE,    MFE,        MFE,   MFE,    "true",       MFE},
        {(byte) 7,          MFE,    (byte) 7,  (short) 7,    MFE,  7,      7L,         MFE,   MFE,    "7",          MFE},
        {(short) 300,       MFE,    MFE,       (short) 300,  MFE,  300,    300L,       MFE,   MFE,    "300",        MFE},
        {'x',               MFE,    MFE,       MFE,          'x',  MFE,    MFE,        MFE,   MFE,    "x",          MFE},
        {70_000,            MFE,    MFE,       MFE,          MFE,  70_000, 70_000L,    MFE,   MFE,    "70000",      MFE},
        {5_000_000_000L,    MFE,    MFE,       MFE,          MFE,  MFE,    5_000_000_000L, MFE, MFE,  "5000000000", MFE},
        {1.5f,              MFE,    MFE,       MFE,          MFE,  MFE,    MFE,        1.5f,  1.5d,   "1.5",        MFE},
        {2.25d,             MFE,    MFE,       MFE,          MFE,  MFE,    MFE,        MFE,   2.25d,  "2.25",       MFE},
        {"42",              false,  (byte) 42, (short) 42,   MFE,  42,     42L,        42f,   42d,    "42",         MFE},
        {"true",            true,   NFE,       NFE,          MFE,  NFE,    NFE,        NFE,   NFE,    "true",       MFE},
        {BYTES,             MFE,    MFE,       MFE,          MFE,  MFE,    MFE,        MFE,   MFE,    MFE,          BYTES},
        {NOTHING,           false,  NFE,       NFE,          NPE,  NFE,    NFE,        NPE,   NPE,    null,         null},
    };

    private ConversionTable() {
    }

    /** Every cell for map and stream bodies: (written, read type, expected). */
    static Stream<Arguments> bodyCells() {
        return cells(EnumSetOf.ALL);
    }

    /** The property cells: no char or byte[] values, no char or byte[] reads. */
    static Stream<Arguments> propertyCells() {
        return cells(EnumSetOf.PROPERTIES);
    }

    /** The value to write for a table row, or null for {@link #NOTHING}. */
    static Object writtenValue(Object written) {
        return NOTHING.equals(written) ? null : written;
    }

    /** Asserts that {@code read} gives {@code expected}, or throws it when it is an exception class. */
    static void assertOutcome(Read read, Object expected) {
        if (expected instanceof Class<?> exceptionType) {
            assertThatThrownBy(read::get).isInstanceOf(exceptionType);
            return;
        }
        Object actual;
        try {
            actual = read.get();
        } catch (Exception e) {
            throw new AssertionError("expected " + describe(expected) + " but the read threw " + e, e);
        }
        assertThat(Objects.deepEquals(actual, expected))
                .as("read %s, expected %s", describe(actual), describe(expected))
                .isTrue();
    }

    private static Stream<Arguments> cells(EnumSetOf columns) {
        List<Arguments> cells = new ArrayList<>();
        for (Object[] row : ROWS) {
            Object written = row[0];
            if (columns == EnumSetOf.PROPERTIES && (written instanceof Character || written instanceof byte[])) {
                continue;
            }
            for (ReadType type : ReadType.values()) {
                if (columns == EnumSetOf.PROPERTIES && (type == ReadType.CHAR || type == ReadType.BYTES)) {
                    continue;
                }
                cells.add(Arguments.of(describe(written), written, type, row[1 + type.ordinal()]));
            }
        }
        return cells.stream();
    }

    private static String describe(Object value) {
        if (value instanceof byte[] bytes) {
            return "byte[]" + Arrays.toString(bytes);
        }
        if (value instanceof Class<?> type) {
            return type.getSimpleName();
        }
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    private enum EnumSetOf {
        ALL, PROPERTIES
    }
}
