package dev.mqttbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed chart docs/benchmarks/benchmarks.svg must be what the runner draws from the
 * committed result files beside it. After changing a result file, redraw it with
 * {@code scripts/run-benchmarks.sh chart} and commit both.
 */
class BenchmarkChartCurrentTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path RESULTS = ROOT.resolve("docs/benchmarks");

  @Test
  void committedChart_isWhatTheRunnerDrawsFromTheCommittedResults(@TempDir Path out)
      throws Exception {
    try (Stream<Path> files = Files.list(RESULTS)) {
      for (Path csv : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
        Files.copy(csv, out.resolve(csv.getFileName()));
      }
    }
    ProcessBuilder chart = new ProcessBuilder("bash", "scripts/run-benchmarks.sh", "chart")
        .directory(ROOT.toFile())
        .redirectErrorStream(true)
        .redirectOutput(out.resolve("chart.log").toFile());
    chart.environment().put("BENCH_OUT", out.toString());
    Process process = chart.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("chart drawn within 120 s").isTrue();
    assertThat(process.exitValue()).as(Files.readString(out.resolve("chart.log"))).isZero();

    assertThat(Files.readString(RESULTS.resolve("benchmarks.svg")))
        .as("docs/benchmarks/benchmarks.svg is stale: run scripts/run-benchmarks.sh chart and"
            + " commit it")
        .isEqualTo(Files.readString(out.resolve("benchmarks.svg")));
  }
}
