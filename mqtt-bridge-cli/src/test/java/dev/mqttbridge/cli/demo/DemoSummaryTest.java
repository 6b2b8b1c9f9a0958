package dev.mqttbridge.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.mqttbridge.cli.MqttBridgeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoSummaryTest {

  @Test
  void latencyPercentiles_overRecordedValues() {
    LatencyRecorder latency = new LatencyRecorder();
    assertThat(latency.percentile(50)).isEqualTo(-1);
    for (long millis = 1; millis <= 100; millis++) {
      latency.record(millis);
    }
    assertThat(latency.percentile(50)).isEqualTo(50);
    assertThat(latency.percentile(99)).isEqualTo(99);
    assertThat(latency.percentile(100)).isEqualTo(100);
  }

  @Test
  void plantShape_refusesEmptyPlantsAndAbsurdRates() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PlantShape(0, 1, 1, 1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PlantShape(1, 1, 1, 1001));
    assertThat(new PlantShape(2, 3, 4, 5).sensorCount()).isEqualTo(24);
  }

  @Test
  void demoWithBadQos_refusedBeforeStartingAnything() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = MqttBridgeCommand.newCommandLine();
    commandLine.setErr(new PrintWriter(err));
    commandLine.setOut(new PrintWriter(new StringWriter()));
    assertThat(commandLine.execute("demo", "--qos", "3")).isEqualTo(2);
    assertThat(err.toString()).contains("--qos must be 0, 1 or 2");
  }

  @Test
  void demoHelp_namesTheFlagsOfIssue10() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = MqttBridgeCommand.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute("demo", "--help")).isZero();
    assertThat(out.toString()).contains("--duration", "--sites", "--lines", "--sensors",
        "--rate", "--qos", "--mqtt", "--kafka", "--no-connect");
  }
}
