package dev.mqttbridge.camel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Renders the options and headers tables of the docs from the component JSON that
 * camel-component-maven-plugin generates, between marker comments in the AsciiDoc page and the
 * README. {@link #main} rewrites the files; {@code OptionsDocumentationTest} fails when they are
 * not current.
 */
final class OptionsDocumentation {

  static final String JSON = "META-INF/dev/mqttbridge/camel/mqtt.json";
  static final Path ADOC = Path.of("src/main/docs/mqtt-component.adoc");
  static final Path README = Path.of("README.md");

  private final JsonObject model;

  OptionsDocumentation(JsonObject model) {
    this.model = model;
  }

  /** Reads the generated JSON from the class path (target/classes). */
  static OptionsDocumentation fromClasspath() {
    try (InputStream in = OptionsDocumentation.class.getClassLoader().getResourceAsStream(JSON)) {
      if (in == null) {
        throw new IllegalStateException(JSON + " not on the class path: run the build first");
      }
      return new OptionsDocumentation(
          (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (org.apache.camel.util.json.DeserializationException e) {
      throw new IllegalStateException("Cannot parse " + JSON, e);
    }
  }

  /** Rewrites the tables in the AsciiDoc page and the README of the module directory. */
  public static void main(String[] args) throws IOException {
    Path module = Path.of(args.length > 0 ? args[0] : ".");
    OptionsDocumentation docs = fromClasspath();
    Files.writeString(module.resolve(ADOC), docs.updateAsciiDoc(read(module.resolve(ADOC))));
    Files.writeString(module.resolve(README), docs.updateReadme(read(module.resolve(README))));
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** The page with its component options, endpoint options and headers sections replaced. */
  String updateAsciiDoc(String page) {
    String updated = replaceBetween(page, "// component options: START",
        "// component options: END", asciiDocOptions("componentProperties", "component"));
    updated = replaceBetween(updated, "// endpoint options: START", "// endpoint options: END",
        asciiDocOptions("properties", "endpoint"));
    return replaceBetween(updated, "// component headers: START", "// component headers: END",
        asciiDocHeaders());
  }

  /** The README with its Markdown options and headers tables replaced. */
  String updateReadme(String readme) {
    String updated = replaceBetween(readme, "<!-- endpoint options: START -->",
        "<!-- endpoint options: END -->", markdownOptions());
    return replaceBetween(updated, "<!-- headers: START -->", "<!-- headers: END -->",
        markdownHeaders());
  }

  private String asciiDocOptions(String key, String kind) {
    JsonObject options = (JsonObject) model.get(key);
    StringBuilder out = new StringBuilder();
    out.append("The MQTT ").append(kind).append(" supports ").append(options.size())
        .append(" options, which are listed below.\n\n");
    out.append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n");
    out.append("| Name | Description | Default | Type\n");
    for (Map.Entry<String, Object> entry : options.entrySet()) {
      JsonObject option = (JsonObject) entry.getValue();
      out.append("| *").append(entry.getKey()).append("* (").append(group(option)).append(") | ")
          .append(cell(option.getString("description"))).append(" | ")
          .append(cell(defaultValue(option))).append(" | ")
          .append(cell(simpleType(option))).append('\n');
    }
    return out.append("|===\n").toString();
  }

  private String asciiDocHeaders() {
    JsonObject headers = (JsonObject) model.get("headers");
    StringBuilder out = new StringBuilder();
    out.append("The MQTT component supports ").append(headers.size())
        .append(" message headers, which are listed below.\n\n");
    out.append("[width=\"100%\",cols=\"2,5,2\",options=\"header\"]\n|===\n");
    out.append("| Name | Description | Type\n");
    for (Map.Entry<String, Object> entry : headers.entrySet()) {
      JsonObject header = (JsonObject) entry.getValue();
      out.append("| *").append(entry.getKey()).append("* (").append(group(header)).append(") | ")
          .append(cell(header.getString("description"))).append(" | ")
          .append(cell(header.getString("javaType"))).append('\n');
    }
    return out.append("|===\n").toString();
  }

  private String markdownOptions() {
    JsonObject options = (JsonObject) model.get("properties");
    StringBuilder out = new StringBuilder("| Option | Group | Default | Type | Description |\n"
        + "|---|---|---|---|---|\n");
    for (Map.Entry<String, Object> entry : options.entrySet()) {
      JsonObject option = (JsonObject) entry.getValue();
      out.append("| `").append(entry.getKey()).append("` | ").append(group(option)).append(" | ")
          .append(markdownCell(defaultValue(option))).append(" | ")
          .append(markdownCell(simpleType(option))).append(" | ")
          .append(markdownCell(option.getString("description"))).append(" |\n");
    }
    return out.toString();
  }

  private String markdownHeaders() {
    JsonObject headers = (JsonObject) model.get("headers");
    StringBuilder out = new StringBuilder("| Header | Group | Type | Description |\n"
        + "|---|---|---|---|\n");
    for (Map.Entry<String, Object> entry : headers.entrySet()) {
      JsonObject header = (JsonObject) entry.getValue();
      out.append("| `").append(entry.getKey()).append("` | ").append(group(header)).append(" | ")
          .append(markdownCell(header.getString("javaType"))).append(" | ")
          .append(markdownCell(header.getString("description"))).append(" |\n");
    }
    return out.toString();
  }

  private static String group(JsonObject option) {
    String group = option.getString("group");
    return group == null || group.isEmpty() ? "common" : group;
  }

  private static String defaultValue(JsonObject option) {
    Object value = option.get("defaultValue");
    return value == null ? "" : value.toString();
  }

  private static String simpleType(JsonObject option) {
    String javaType = option.getString("javaType");
    if (javaType == null) {
      return "";
    }
    int generic = javaType.indexOf('<');
    String raw = generic < 0 ? javaType : javaType.substring(0, generic);
    return raw.substring(raw.lastIndexOf('.') + 1);
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|");
  }

  private static String markdownCell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }

  private static String replaceBetween(String text, String start, String end, String content) {
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalStateException("Markers '" + start + "' ... '" + end + "' not found");
    }
    return text.substring(0, from + start.length()) + "\n" + content + text.substring(to);
  }
}
