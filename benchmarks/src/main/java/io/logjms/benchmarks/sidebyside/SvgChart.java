package io.logjms.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Draws the summary as one SVG document with two panels: horizontal bars of the ratios
 * logjms/reference on a log scale around 1, and W3's latency percentiles per rate (log scale, one line
 * per system). Plain SVG 1.1, no scripts, no external resources.
 */
public final class SvgChart {
    static final int WIDTH = 960;
    private static final int LEFT = 330;
    private static final int RIGHT = 40;
    private static final int BAR_HEIGHT = 12;
    private static final int BAR_GAP = 3;
    private static final int GROUP_GAP = 12;
    private static final double RATIO_LOG2_RANGE = 4;
    private static final int LATENCY_PANEL_HEIGHT = 280;
    private static final String FONT = "font-family=\"sans-serif\" font-size=\"12\"";

    private final Summary summary;
    private StringBuilder body = new StringBuilder();
    private int y;

    private SvgChart(Summary summary) {
        this.summary = summary;
    }

    /** The SVG document for {@code summary}. */
    public static String render(Summary summary, String title) {
        SvgChart chart = new SvgChart(summary);
        chart.y = 30;
        chart.text(20, chart.y, title, "font-size=\"16\" font-weight=\"bold\"");
        chart.y += 20;
        chart.ratioPanel();
        chart.latencyPanel();
        int height = chart.y + 20;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + WIDTH + "\" height=\""
                + height + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\" " + FONT + ">\n"
                + "<rect x=\"0\" y=\"0\" width=\"" + WIDTH + "\" height=\"" + height + "\" fill=\"white\"/>\n"
                + chart.body + "</svg>\n";
    }

    /** A stable colour per system, shared by both panels. */
    static String colour(SystemKind system) {
        return switch (system) {
            case LOGJMS -> "#c2185b";
            case LOGJMS_TLS -> "#f06292";
            case ARTEMIS -> "#e67e22";
            case KAFKA -> "#1b9e77";
            case KAFKA_FSYNC -> "#5e60ce";
        };
    }

    private void ratioPanel() {
        y += 20;
        text(20, y, "Ratios logjms / reference (median of runs; log scale; bars run from 1)",
                "font-size=\"14\" font-weight=\"bold\"");
        y += 18;
        List<Metric> shown = new ArrayList<>();
        for (Metric metric : summary.metrics()) {
            // a MB/s ratio equals the msgs/s ratio of the same workload: one bar group is enough
            if (!metric.unit().equals(Metrics.MB)
                    && summary.comparedReferences().stream().anyMatch(r -> summary.ratio(metric, r).isPresent())) {
                shown.add(metric);
            }
        }
        if (shown.isEmpty()) {
            y += 10;
            text(20, y, "No ratios: logjms and a reference were not both measured.", "fill=\"#555\"");
            y += 10;
            return;
        }
        legend(summary.comparedReferences(), "logjms / ");
        text(20, y + 6, "↓ = lower is better: left of 1× favours logjms there. ✓ marks ratios that favour logjms.",
                "font-size=\"11\" fill=\"#555\"");
        y += 14;
        int top = y;
        y += 16;
        // bars are drawn over the grid: collect them first, then emit grid and bars in that order
        StringBuilder grid = body;
        body = new StringBuilder();
        for (Metric metric : shown) {
            int groupTop = y;
            int bars = 0;
            for (SystemKind reference : summary.comparedReferences()) {
                OptionalDouble ratio = summary.ratio(metric, reference);
                if (ratio.isPresent()) {
                    ratioBar(reference, ratio.getAsDouble(), metric);
                    y += BAR_HEIGHT + BAR_GAP;
                    bars++;
                }
            }
            int middle = groupTop + bars * (BAR_HEIGHT + BAR_GAP) / 2 + 4;
            text(LEFT - 10, middle, metric.label() + " (" + metric.unit() + ")" + (metric.higherIsBetter() ? "" : " ↓"),
                    "text-anchor=\"end\"");
            y += GROUP_GAP;
        }
        StringBuilder bars = body;
        body = grid;
        ratioAxis(top, y);
        body.append(bars);
        y += 24;
    }

    private void ratioBar(SystemKind reference, double ratio, Metric metric) {
        double one = ratioX(1.0);
        double end = ratioX(ratio);
        double x = Math.min(one, end);
        double width = Math.max(1.0, Math.abs(end - one));
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                x, y, width, BAR_HEIGHT, colour(reference), escape("logjms / " + reference.label() + ", "
                        + metric.label() + ": " + Figures.ratio(ratio))));
        boolean right = ratio >= 1.0;
        String mark = Summary.favoursLogjms(metric, ratio) ? " ✓" : "";
        text(right ? end + 4 : end - 4, y + BAR_HEIGHT - 2, Figures.ratio(ratio) + mark,
                "font-size=\"11\"" + (right ? "" : " text-anchor=\"end\""));
    }

    private void ratioAxis(int top, int bottom) {
        for (int exp = (int) -RATIO_LOG2_RANGE; exp <= RATIO_LOG2_RANGE; exp++) {
            double value = Math.pow(2, exp);
            double x = ratioX(value);
            String stroke = exp == 0 ? "stroke=\"#000\" stroke-width=\"1.5\"" : "stroke=\"#ccc\"";
            body.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" %s/>%n",
                    x, top, x, bottom, stroke));
            String label = exp >= 0 ? String.format(Locale.ROOT, "%d×", (int) value) : "1/" + (int) (1 / value) + "×";
            text(x, bottom + 14, label, "text-anchor=\"middle\" font-size=\"11\"");
        }
    }

    private static double ratioX(double ratio) {
        double log2 = Math.log(ratio) / Math.log(2);
        double clamped = Math.max(-RATIO_LOG2_RANGE, Math.min(RATIO_LOG2_RANGE, log2));
        double plotWidth = WIDTH - LEFT - RIGHT - 60;
        return LEFT + (clamped + RATIO_LOG2_RANGE) / (2 * RATIO_LOG2_RANGE) * plotWidth;
    }

    private void latencyPanel() {
        List<Integer> rates = summary.metrics().stream().filter(m -> m.workload() == Workload.W3)
                .map(m -> Integer.parseInt(m.id().split("\\.")[1])).distinct().toList();
        y += 20;
        text(20, y, "W3 latency percentiles, scheduled send to receipt (median of runs; log scale)",
                "font-size=\"14\" font-weight=\"bold\"");
        y += 18;
        if (rates.isEmpty() || !anyLatency(rates)) {
            y += 10;
            text(20, y, "No latency figures: W3 was not measured.", "fill=\"#555\"");
            y += 10;
            return;
        }
        legend(summary.systems(), "");
        y += 10;
        for (int rate : rates) {
            latencyPlot(rate);
        }
    }

    private boolean anyLatency(List<Integer> rates) {
        for (int rate : rates) {
            for (Metrics.Percentile p : Metrics.W3_PERCENTILES) {
                for (SystemKind system : summary.systems()) {
                    if (summary.median(Metrics.latency(rate, p), system).isPresent()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void latencyPlot(int rate) {
        List<Metrics.Percentile> percentiles = Metrics.W3_PERCENTILES;
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (SystemKind system : summary.systems()) {
            for (Metrics.Percentile p : percentiles) {
                OptionalDouble v = summary.median(Metrics.latency(rate, p), system);
                if (v.isPresent() && v.getAsDouble() > 0) {
                    lo = Math.min(lo, v.getAsDouble());
                    hi = Math.max(hi, v.getAsDouble());
                }
            }
        }
        int top = y + 20;
        int bottom = top + LATENCY_PANEL_HEIGHT - 60;
        text(20, y + 10, "@ " + String.format(Locale.ROOT, "%,d", rate) + " msgs/s", "font-weight=\"bold\"");
        if (hi == 0) {
            text(LEFT, top + 20, "no figures at this rate", "fill=\"#555\"");
            y += LATENCY_PANEL_HEIGHT;
            return;
        }
        int lowExp = (int) Math.floor(Math.log10(lo));
        int highExp = Math.max(lowExp + 1, (int) Math.ceil(Math.log10(hi)));
        for (int exp = lowExp; exp <= highExp; exp++) {
            double yy = latencyY(Math.pow(10, exp), lowExp, highExp, top, bottom);
            body.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\"/>%n",
                    LEFT, yy, WIDTH - RIGHT, yy));
            text(LEFT - 8, yy + 4, Figures.plain(Math.pow(10, exp)) + " ms", "text-anchor=\"end\" font-size=\"11\"");
        }
        for (int i = 0; i < percentiles.size(); i++) {
            text(percentileX(i, percentiles.size()), bottom + 16, percentiles.get(i).name(),
                    "text-anchor=\"middle\" font-size=\"11\"");
        }
        for (SystemKind system : summary.systems()) {
            latencyLine(system, rate, lowExp, highExp, top, bottom);
        }
        y += LATENCY_PANEL_HEIGHT;
    }

    private void latencyLine(SystemKind system, int rate, int lowExp, int highExp, int top, int bottom) {
        List<Metrics.Percentile> percentiles = Metrics.W3_PERCENTILES;
        StringBuilder points = new StringBuilder();
        int pointCount = 0;
        for (int i = 0; i < percentiles.size(); i++) {
            Metric metric = Metrics.latency(rate, percentiles.get(i));
            OptionalDouble v = summary.median(metric, system);
            if (v.isEmpty() || v.getAsDouble() <= 0) {
                continue;
            }
            double x = percentileX(i, percentiles.size());
            double yy = latencyY(v.getAsDouble(), lowExp, highExp, top, bottom);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, yy));
            pointCount++;
            body.append(String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s</title></circle>%n", x, yy,
                    colour(system), escape(system.label() + " " + percentiles.get(i).name() + ": "
                            + Figures.value(metric, v.getAsDouble()) + " ms")));
        }
        if (pointCount > 1) {
            body.append("<polyline points=\"").append(points.toString().trim())
                    .append("\" fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour(system)).append("\"/>\n");
        }
    }

    private static double percentileX(int index, int count) {
        double plotWidth = WIDTH - LEFT - RIGHT - 80;
        return LEFT + 40 + (count == 1 ? plotWidth / 2 : index * plotWidth / (count - 1));
    }

    private static double latencyY(double ms, int lowExp, int highExp, int top, int bottom) {
        double fraction = (Math.log10(ms) - lowExp) / (highExp - lowExp);
        return bottom - fraction * (bottom - top);
    }

    private void legend(List<SystemKind> systems, String prefix) {
        int x = 20;
        for (SystemKind system : systems) {
            String label = prefix + system.label() + (system.durableAgainstPowerLoss() ? "" : " (not durable)");
            int width = 28 + (int) (6.5 * label.length());
            if (x > 20 && x + width > WIDTH - RIGHT) {
                x = 20;
                y += 18;
            }
            body.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x, y - 10, colour(system)));
            text(x + 16, y, label, "");
            x += width;
        }
        y += 8;
    }

    private void text(double x, double yy, String text, String attributes) {
        body.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>%n", x, yy,
                attributes.isEmpty() ? "" : " " + attributes, escape(text)));
    }

    /** Escapes the five XML special characters. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
