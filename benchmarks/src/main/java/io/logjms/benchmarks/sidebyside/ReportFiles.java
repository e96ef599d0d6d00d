package io.logjms.benchmarks.sidebyside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes the reports into the output directory and returns the files written. */
final class ReportFiles {
    private ReportFiles() {
    }

    static List<Path> write(Path outDir, BenchSettings settings, Summary summary, Instant started,
            Map<String, String> machine) throws IOException {
        Files.createDirectories(outDir);
        String header = "Side-by-side benchmark, started " + started + "\n\n";
        List<Path> files = List.of(
                write(outDir.resolve("summary.md"), header + TableReport.render(summary)),
                write(outDir.resolve("measurements.csv"), CsvReport.measurements(summary)),
                write(outDir.resolve("summary.csv"), CsvReport.summary(summary)),
                write(outDir.resolve("ratios.csv"), CsvReport.ratios(summary)),
                write(outDir.resolve("results.json"), JsonReport.render(settings, summary, started, machine)),
                write(outDir.resolve("chart.svg"), SvgChart.render(summary,
                        "logjms side-by-side benchmark, " + started + " (" + settings.runs()
                                + (settings.runs() == 1 ? " run" : " runs") + ", N = " + settings.messages() + ")")));
        return files;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
