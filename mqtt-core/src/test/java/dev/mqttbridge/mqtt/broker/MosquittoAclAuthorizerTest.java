package dev.mqttbridge.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MosquittoAclAuthorizerTest {

  private static final MosquittoAclAuthorizer ACL = MosquittoAclAuthorizer.parse("""
      # anonymous clients
      topic read public/#

      user alice
      topic readwrite alice/#
      topic deny alice/secret
      topic write shared/in
      user bob
      topic bob/#
      pattern write devices/%c/status
      pattern read users/%u/#
      """);

  private static final ClientIdentity ANONYMOUS = new ClientIdentity("anon-1", null);
  private static final ClientIdentity ALICE = new ClientIdentity("phone", "alice");
  private static final ClientIdentity BOB = new ClientIdentity("laptop", "bob");

  @ParameterizedTest(name = "{0} publishes to {1}: {2}")
  @CsvSource({
      "alice, alice/notes, true",
      "alice, alice/secret, false",
      "alice, shared/in, true",
      "alice, public/news, false",
      "alice, devices/phone/status, true",
      "alice, devices/laptop/status, false",
      "bob, bob/x/y, true",
      "bob, alice/notes, false",
      "anonymous, public/news, false",
      "anonymous, devices/anon-1/status, true",
  })
  void publish_writeAccessDecides(String who, String topic, boolean allowed) {
    assertThat(ACL.mayPublish(client(who), topic)).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0} subscribes to {1}: {2}")
  @CsvSource({
      "anonymous, public/#, true",
      "anonymous, public/+/x, true",
      "anonymous, #, false",
      "anonymous, users/x/#, false",
      "alice, alice/+, true",
      "alice, alice/#, true",
      "alice, alice/secret, false",
      "alice, shared/in, false",
      "alice, users/alice/inbox, true",
      "alice, users/bob/inbox, false",
      "bob, bob, true",
  })
  void subscribe_filterMustLieWithinReadAccess(String who, String filter, boolean allowed) {
    assertThat(ACL.maySubscribe(client(who), filter)).isEqualTo(allowed);
  }

  @Test
  void receive_denyWinsOverWildcardGrant() {
    assertThat(ACL.mayReceive(ALICE, "alice/notes")).isTrue();
    assertThat(ACL.mayReceive(ALICE, "alice/secret")).isFalse();
  }

  @Test
  void invalidLine_rejectedWithLineNumber() {
    assertThatThrownBy(() -> MosquittoAclAuthorizer.parse("user a\nfrobnicate x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
  }

  private static ClientIdentity client(String who) {
    return switch (who) {
      case "alice" -> ALICE;
      case "bob" -> BOB;
      default -> ANONYMOUS;
    };
  }
}
