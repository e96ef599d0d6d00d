package io.logjms.broker.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table: a header row and data rows, columns separated by two spaces and padded to their widest
 * cell; numeric columns are right-aligned. No trailing spaces, so the output diffs cleanly.
 */
final class Table {
    /** How a column's cells line up. */
    enum Align { LEFT, RIGHT }

    private final List<String> headers = new ArrayList<>();
    private final List<Align> aligns = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    Table column(String header, Align align) {
        headers.add(header);
        aligns.add(align);
        return this;
    }

    Table left(String header) {
        return column(header, Align.LEFT);
    }

    Table right(String header) {
        return column(header, Align.RIGHT);
    }

    /** Adds a row; {@code null} cells print as {@code -}. */
    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells in a table of " + headers.size()
                    + " columns");
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object c : cells) {
            row.add(c == null ? "-" : c.toString());
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rendered table, one line per row after the header, each line ending with a newline. */
    String render() {
        return render(true, "");
    }

    /** The rows without the header, each line indented: a key/value block. */
    String renderRows(String indent) {
        return render(false, indent);
    }

    private String render(boolean withHeader, String indent) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        if (withHeader) {
            line(sb, indent, headers, widths);
        }
        rows.forEach(r -> line(sb, indent, r, widths));
        return sb.toString();
    }

    private void line(StringBuilder sb, String indent, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(aligns.get(i) == Align.RIGHT ? pad + cell : cell + pad);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
