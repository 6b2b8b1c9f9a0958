package dev.mqttbridge.test.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MosquittoConfigTest {

  private static final InstanceFiles FILES = new InstanceFiles(Path.of("/tmp/mosquitto-test"));

  private static List<String> render(MosquittoConfig config, boolean runAsRoot) {
    return List.of(config.render(FILES, 18830, 18831, runAsRoot).split("\n"));
  }

  @Test
  void defaults_listenOnLoopbackAnonymouslyWithoutPersistenceAndSmallLogs() {
    List<String> lines = render(MosquittoConfig.defaults(), false);

    assertThat(lines)
        .contains("listener 18830 127.0.0.1", "allow_anonymous true", "persistence false",
            "log_dest file /tmp/mosquitto-test/mosquitto.log", "connection_messages true",
            "log_type error", "log_type warning", "log_type notice", "log_type information")
        .doesNotContain("log_type all", "user root")
        .noneMatch(line -> line.startsWith("persistence_location") || line.startsWith("max_")
            || line.startsWith("autosave") || line.startsWith("password_file") || line.startsWith("acl_file")
            || line.startsWith("cafile") || line.contains("18831"));
  }

  @Test
  void runAsRoot_keepsTheBrokerRoot() {
    assertThat(render(MosquittoConfig.defaults(), true)).contains("user root");
  }

  @Test
  void durableProfile_persistsWithTrailingSlashAndLimitsNothing() {
    assertThat(render(MosquittoConfig.durable(), false)).contains(
        "persistence true",
        "persistence_location /tmp/mosquitto-test/data/",
        "autosave_interval 1",
        "max_queued_messages 0",
        "max_inflight_messages 0");
  }

  @Test
  void durableProfile_inflightWindowCanBeChosenAfterwards() {
    MosquittoConfig config = MosquittoConfig.builder().durable().maxInflightMessages(10).build();

    assertThat(render(config, false)).contains("max_inflight_messages 10").doesNotContain("max_inflight_messages 0");
    assertThat(config.maxInflightMessages()).hasValue(10);
    assertThat(config.persistence()).isTrue();
  }

  @Test
  void limitsUsersAclLoggingAndExtraLines_areRenderedAsAsked() {
    MosquittoConfig config = MosquittoConfig.builder()
        .maxInflightMessages(5)
        .maxQueuedMessages(100)
        .maxPacketSize(1024)
        .allowAnonymous(false)
        .user("alice", "secret")
        .acl("user alice", "topic readwrite plant/#")
        .logEverything(true)
        .extraLines("max_keepalive 120")
        .build();

    List<String> lines = render(config, false);

    assertThat(lines).contains(
        "max_inflight_messages 5", "max_queued_messages 100", "max_packet_size 1024", "allow_anonymous false",
        "password_file /tmp/mosquitto-test/passwd", "acl_file /tmp/mosquitto-test/acl", "log_type all")
        .doesNotContain("log_type error");
    // Extra lines follow the plain listener, so listener options in them apply to it.
    assertThat(lines.indexOf("max_keepalive 120")).isEqualTo(lines.indexOf("listener 18830 127.0.0.1") + 1);
    assertThat(config.renderAcl()).isEqualTo("user alice\ntopic readwrite plant/#\n");
  }

  @Test
  void tlsListener_isASecondLoopbackListenerWithItsFiles() {
    MosquittoTlsListener tls = MosquittoTlsListener.of(Path.of("/certs/ca.pem"), Path.of("/certs/server.pem"),
        Path.of("/certs/server.key")).withRequireCertificate(true).withTlsVersion("tlsv1.3");

    List<String> lines = render(MosquittoConfig.builder().tls(tls).build(), false);

    int listener = lines.indexOf("listener 18831 127.0.0.1");
    assertThat(listener).isGreaterThan(lines.indexOf("listener 18830 127.0.0.1"));
    assertThat(lines.subList(listener + 1, lines.size())).containsExactly(
        "cafile /certs/ca.pem", "certfile /certs/server.pem", "keyfile /certs/server.key",
        "require_certificate true", "tls_version tlsv1.3");
  }

  @Test
  void toBuilder_copiesEverySetting() {
    MosquittoConfig original = MosquittoConfig.builder().durable().user("bob", "pw").acl("topic #")
        .extraLines("max_keepalive 60").maxPacketSize(2048).build();

    MosquittoConfig copy = original.toBuilder().build();

    assertThat(copy.render(FILES, 1, 2, true)).isEqualTo(original.render(FILES, 1, 2, true));
    assertThat(copy.users()).containsEntry("bob", "pw");
  }

  @Test
  void builder_rejectsValuesMosquittoWouldRejectOrThatBreakTheFile() {
    MosquittoConfig.Builder builder = MosquittoConfig.builder();

    assertThatThrownBy(() -> builder.maxQueuedMessages(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.maxPacketSize(19)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.user("a:b", "pw")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.extraLines("a\nb")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.acl("topic #\r\n")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void value_isImmutable() {
    MosquittoConfig config = MosquittoConfig.builder().user("alice", "pw").acl("topic #").build();

    assertThatThrownBy(() -> config.users().put("eve", "x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> config.aclLines().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }
}
