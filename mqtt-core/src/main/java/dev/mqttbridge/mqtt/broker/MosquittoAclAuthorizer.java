package dev.mqttbridge.mqtt.broker;

import dev.mqttbridge.mqtt.topic.InvalidTopicException;
import dev.mqttbridge.mqtt.topic.TopicFilter;
import dev.mqttbridge.mqtt.topic.TopicName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Authorizer} reading Mosquitto's {@code acl_file} format:
 *
 * <pre>
 * # topic lines before any user line apply to anonymous clients
 * topic read public/#
 * user alice
 * topic readwrite alice/#
 * topic deny alice/secret
 * # pattern lines apply to every client; %c is its client id, %u its user name
 * pattern write devices/%c/status
 * </pre>
 *
 * <p>Access is {@code read}, {@code write}, {@code readwrite} (the default when left out) or
 * {@code deny}; a matching {@code deny} line wins over everything else. Everything not granted is
 * refused. Publishing needs write access to the topic; receiving a message needs read access to
 * its topic; subscribing needs read access to every topic the filter can match (the filter must
 * lie within a read filter, so {@code alice/+} is within {@code alice/#}). A pattern with {@code
 * %u} never applies to an anonymous client. Immutable and thread-safe.
 */
public final class MosquittoAclAuthorizer implements Authorizer {

  private enum Access { READ, WRITE, READWRITE, DENY }

  private record Rule(Access access, String filter, boolean pattern) {}

  private final List<Rule> anonymousRules;
  private final Map<String, List<Rule>> userRules;
  private final List<Rule> patternRules;

  private MosquittoAclAuthorizer(
      List<Rule> anonymousRules, Map<String, List<Rule>> userRules, List<Rule> patternRules) {
    this.anonymousRules = anonymousRules;
    this.userRules = userRules;
    this.patternRules = patternRules;
  }

  /**
   * Reads an ACL file.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException naming the line that is not valid
   */
  public static MosquittoAclAuthorizer load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Parses ACL text.
   *
   * @throws IllegalArgumentException naming the line that is not valid
   */
  public static MosquittoAclAuthorizer parse(String text) {
    List<Rule> anonymous = new ArrayList<>();
    Map<String, List<Rule>> users = new HashMap<>();
    List<Rule> patterns = new ArrayList<>();
    List<Rule> current = anonymous;
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+", 2);
      String keyword = words[0];
      String rest = words.length > 1 ? words[1].strip() : "";
      if (rest.isEmpty()) {
        throw invalid(i, line, "missing argument");
      }
      switch (keyword) {
        case "user" -> current = users.computeIfAbsent(rest, name -> new ArrayList<>());
        case "topic" -> current.add(rule(i, line, rest, false));
        case "pattern" -> patterns.add(rule(i, line, rest, true));
        default -> throw invalid(i, line, "expected user, topic or pattern");
      }
    }
    Map<String, List<Rule>> frozen = new HashMap<>();
    users.forEach((user, rules) -> frozen.put(user, List.copyOf(rules)));
    return new MosquittoAclAuthorizer(List.copyOf(anonymous), Map.copyOf(frozen),
        List.copyOf(patterns));
  }

  private static Rule rule(int index, String line, String rest, boolean pattern) {
    String[] words = rest.split("\\s+", 2);
    Access access = switch (words[0]) {
      case "read" -> Access.READ;
      case "write" -> Access.WRITE;
      case "readwrite" -> Access.READWRITE;
      case "deny" -> Access.DENY;
      default -> null;
    };
    String filter = access == null ? rest : words.length > 1 ? words[1].strip() : "";
    if (filter.isEmpty()) {
      throw invalid(index, line, "missing topic");
    }
    if (!pattern) {
      try {
        TopicFilter.of(filter);
      } catch (InvalidTopicException e) {
        throw invalid(index, line, e.getMessage());
      }
    }
    return new Rule(access == null ? Access.READWRITE : access, filter, pattern);
  }

  private static IllegalArgumentException invalid(int index, String line, String why) {
    return new IllegalArgumentException(
        "ACL line " + (index + 1) + " '" + line + "': " + why);
  }

  @Override
  public boolean mayPublish(ClientIdentity client, String topic) {
    return decide(client, filter -> filter.matches(TopicName.of(topic)), Access.WRITE);
  }

  @Override
  public boolean maySubscribe(ClientIdentity client, String topicFilter) {
    TopicFilter requested = TopicFilter.of(topicFilter);
    return decide(client, filter -> covers(filter, requested), Access.READ);
  }

  @Override
  public boolean mayReceive(ClientIdentity client, String topic) {
    return decide(client, filter -> filter.matches(TopicName.of(topic)), Access.READ);
  }

  private interface FilterTest {
    boolean test(TopicFilter filter);
  }

  private boolean decide(ClientIdentity client, FilterTest applies, Access needed) {
    List<TopicFilter> granted = new ArrayList<>();
    boolean denied = false;
    for (Rule rule : rulesOf(client)) {
      TopicFilter filter = resolve(rule, client);
      if (filter == null || !applies.test(filter)) {
        continue;
      }
      if (rule.access() == Access.DENY) {
        denied = true;
      } else if (rule.access() == Access.READWRITE || rule.access() == needed) {
        granted.add(filter);
      }
    }
    return !denied && !granted.isEmpty();
  }

  private List<Rule> rulesOf(ClientIdentity client) {
    List<Rule> own = client.username() == null
        ? anonymousRules : userRules.getOrDefault(client.username(), List.of());
    if (patternRules.isEmpty()) {
      return own;
    }
    List<Rule> all = new ArrayList<>(own);
    all.addAll(patternRules);
    return all;
  }

  private static TopicFilter resolve(Rule rule, ClientIdentity client) {
    String text = rule.filter();
    if (rule.pattern()) {
      if (text.contains("%u")) {
        if (client.username() == null) {
          return null;
        }
        text = text.replace("%u", client.username());
      }
      text = text.replace("%c", client.clientId());
    }
    try {
      return TopicFilter.of(text);
    } catch (InvalidTopicException e) {
      return null; // a substituted id with a wildcard character grants nothing
    }
  }

  /** Whether every topic the requested filter matches is matched by the ACL filter. */
  static boolean covers(TopicFilter acl, TopicFilter requested) {
    List<String> granted = acl.levels();
    List<String> asked = requested.levels();
    for (int i = 0; i < granted.size(); i++) {
      String level = granted.get(i);
      if (level.equals("#")) {
        return true;
      }
      if (i >= asked.size()) {
        return false;
      }
      String wanted = asked.get(i);
      if (wanted.equals("#") || (wanted.equals("+") && !level.equals("+"))) {
        return false;
      }
      if (!level.equals("+") && !level.equals(wanted)) {
        return false;
      }
    }
    return granted.size() == asked.size();
  }
}
