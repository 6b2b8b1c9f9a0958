package dev.mqttbridge.kafka.connect.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.types.Password;

/**
 * Renders a {@code ConfigDef} as a Markdown reference, grouped and ordered as the definition says.
 * The committed reference is generated from it, and a test checks it is current.
 */
public final class ConfigReference {

  private ConfigReference() {}

  /** The Markdown reference: one section per group, one table row per key. */
  public static String markdown(ConfigDef definition) {
    StringBuilder out = new StringBuilder();
    Map<String, ConfigKey> keys = definition.configKeys();
    for (String group : definition.groups()) {
      out.append("### ").append(group).append("\n\n");
      out.append("| Key | Type | Default | Valid values | Importance | Description |\n");
      out.append("|---|---|---|---|---|---|\n");
      List<ConfigKey> inGroup = keys.values().stream()
          .filter(k -> group.equals(k.group))
          .sorted(Comparator.comparingInt((ConfigKey k) -> k.orderInGroup))
          .toList();
      for (ConfigKey key : inGroup) {
        out.append("| `").append(key.name).append("` | ")
            .append(key.type.name().toLowerCase()).append(" | ")
            .append(defaultText(key)).append(" | ")
            .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
            .append(key.importance.name().toLowerCase()).append(" | ")
            .append(cell(key.documentation)).append(" |\n");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String defaultText(ConfigKey key) {
    if (!key.hasDefault()) {
      return "(required)";
    }
    Object value = key.defaultValue;
    if (value == null) {
      return "null";
    }
    if (value instanceof Password password) {
      return password.value().isEmpty() ? "\"\"" : "(hidden)";
    }
    if (value instanceof List<?> list) {
      return list.isEmpty() ? "\"\"" : "`" + String.join(",", list.stream().map(String::valueOf).toList()) + "`";
    }
    String text = String.valueOf(value);
    return text.isEmpty() ? "\"\"" : "`" + text + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
