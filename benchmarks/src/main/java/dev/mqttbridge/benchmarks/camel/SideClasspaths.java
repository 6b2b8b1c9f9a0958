package dev.mqttbridge.benchmarks.camel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The class paths of the two sides. Ours: this module's classes plus its full dependency class
 * path (camel-component-mqtt on Camel 4.22), which the build writes to
 * {@code target/camel-classpath.txt}. camel-paho-mqtt5: resolved by Maven from a throwaway POM,
 * since it needs Camel 4.17 and cannot share a class path with ours.
 */
final class SideClasspaths {

  static final String PAHO_VERSION = "4.17.0";

  private final Path target;

  /** @param target this module's {@code target} folder */
  SideClasspaths(Path target) {
    this.target = target;
  }

  /** The {@code target} folder this class was loaded from (its classes folder or the jar's). */
  static SideClasspaths ofThisModule() throws Exception {
    Path location = Path.of(SideClasspaths.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    return new SideClasspaths(location.getParent());
  }

  String ours() throws IOException {
    Path file = target.resolve("camel-classpath.txt");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: build the benchmarks module with"
          + " `mvn package -pl benchmarks -am` first");
    }
    return classes() + File.pathSeparator + Files.readString(file).trim();
  }

  String paho() throws IOException, InterruptedException {
    Path folder = Files.createDirectories(target.resolve("paho-side"));
    Path pom = folder.resolve("pom.xml");
    Files.writeString(pom, pahoPom(), StandardCharsets.UTF_8);
    Path output = folder.resolve("classpath.txt");
    List<String> command = List.of("mvn", "-q", "-B", "-o", "-f", pom.toString(),
        "dependency:build-classpath", "-Dmdep.outputFile=" + output);
    Process maven = new ProcessBuilder(command).inheritIO().start();
    if (!maven.waitFor(5, TimeUnit.MINUTES) || maven.exitValue() != 0) {
      maven.destroy();
      throw new IllegalStateException("Could not resolve camel-paho-mqtt5 " + PAHO_VERSION
          + " offline; run once without -o: " + String.join(" ", command).replace(" -o", ""));
    }
    return classes() + File.pathSeparator + Files.readString(output).trim();
  }

  private String classes() {
    return target.resolve("classes").toString();
  }

  private static String pahoPom() {
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.mqttbridge.benchmarks</groupId>
          <artifactId>paho-side</artifactId>
          <version>1</version>
          <dependencies>
            <dependency>
              <groupId>org.apache.camel</groupId>
              <artifactId>camel-paho-mqtt5</artifactId>
              <version>%1$s</version>
            </dependency>
            <dependency>
              <groupId>org.apache.camel</groupId>
              <artifactId>camel-core-engine</artifactId>
              <version>%1$s</version>
            </dependency>
            <dependency>
              <groupId>org.apache.camel</groupId>
              <artifactId>camel-core-languages</artifactId>
              <version>%1$s</version>
            </dependency>
            <dependency>
              <groupId>org.slf4j</groupId>
              <artifactId>slf4j-simple</artifactId>
              <version>2.0.17</version>
            </dependency>
          </dependencies>
        </project>
        """.formatted(PAHO_VERSION);
  }
}
