package dev.mqttbridge.kafka.connect.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.kafka.connect.mapping.TopicDecision.Refusal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TopicResolverTest {

  private static final Template BY_SITE = Template.parse("telemetry.{site}");

  private static TopicMatch site(String site) {
    return new TopicMatch("plant/" + site, Map.of("site", site), "");
  }

  @Test
  void allowedName_isAcceptedSanitised() {
    TopicResolver resolver = new TopicResolver(Pattern.compile("telemetry\\.[a-z_]+"), List.of());

    TopicDecision decision = resolver.resolve(BY_SITE, site("ly on"));

    assertThat(decision.isAccepted()).isTrue();
    assertThat(decision.topic()).isEqualTo("telemetry.ly_on");
    assertThat(decision.rawTarget()).isEqualTo("telemetry.ly on");
  }

  @Test
  void nameOutsideAllowedPattern_isRefused() {
    TopicResolver resolver = new TopicResolver(Pattern.compile("telemetry\\.[a-z]+"), List.of());

    TopicDecision decision = resolver.resolve(BY_SITE, site("Lyon"));

    assertThat(decision.refusal()).isEqualTo(Refusal.TOPIC_NOT_ALLOWED);
    assertThat(decision.topic()).isNull();
  }

  @Test
  void allowedPattern_mustMatchTheWholeName() {
    TopicResolver resolver = new TopicResolver(Pattern.compile("telemetry"), List.of());

    assertThat(resolver.resolve(BY_SITE, site("lyon")).refusal()).isEqualTo(Refusal.TOPIC_NOT_ALLOWED);
  }

  @Test
  void dotNames_areIllegal() {
    TopicResolver resolver = new TopicResolver(null, List.of());

    TopicDecision decision = resolver.resolve(Template.parse("{site}"), site(".."));

    assertThat(decision.refusal()).isEqualTo(Refusal.TOPIC_ILLEGAL);
  }

  @Test
  void secondNameCollidingInDotUnderscoreRule_isRefused_firstStaysAccepted() {
    TopicResolver resolver = new TopicResolver(null, List.of());

    assertThat(resolver.resolve(BY_SITE, site("a.b")).topic()).isEqualTo("telemetry.a.b");
    assertThat(resolver.resolve(BY_SITE, site("a_b")).refusal()).isEqualTo(Refusal.TOPIC_COLLISION);
    assertThat(resolver.resolve(BY_SITE, site("a.b")).topic()).isEqualTo("telemetry.a.b");
  }

  @Test
  void nameCollidingWithReservedErrorsTopic_isRefused() {
    TopicResolver resolver = new TopicResolver(null, List.of("telemetry_errors"));

    assertThat(resolver.resolve(BY_SITE, site("errors")).refusal()).isEqualTo(Refusal.TOPIC_COLLISION);
  }
}
