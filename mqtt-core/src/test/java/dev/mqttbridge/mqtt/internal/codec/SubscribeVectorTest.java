package dev.mqttbridge.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttRetainHandling;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import dev.mqttbridge.mqtt.internal.packet.SubackPacket;
import dev.mqttbridge.mqtt.internal.packet.SubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubackPacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubscribePacket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK byte vectors. */
class SubscribeVectorTest extends CodecVectorTest {

  @Test
  void subscribeTwoFilters_v311_decodesAndEncodes() {
    byte[] wire = bytes(
        0x82, 0x0C,                   // SUBSCRIBE (flags 0010), remaining length 12
        0x00, 0x0A,                   // packet id 10
        0x00, 0x03, 'a', '/', 'b',    // topic filter "a/b"
        0x01,                         //   QoS 1
        0x00, 0x01, '#',              // topic filter "#"
        0x02);                        //   QoS 2
    SubscribePacket packet = new SubscribePacket(10, List.of(
        MqttSubscription.of("a/b", MqttQos.AT_LEAST_ONCE),
        MqttSubscription.of("#", MqttQos.EXACTLY_ONCE)), 0, List.of());
    assertClientVector(MqttVersion.V3_1_1, wire, packet);
  }

  @Test
  void subscribeWithOptionsAndProperties_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0x82, 0x1F,                   // SUBSCRIBE, remaining length 31
        0x00, 0x0A,                   // packet id 10
        0x09,                         // property length 9
        0x0B, 0x05,                   //   subscription identifier 5
        0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property k=v
        0x00, 0x03, 'a', '/', 'b',    // topic filter "a/b"
        0x2D,                         //   QoS 1, no local, retain as published, retain handling 2
        0x00, 0x0A, '$', 's', 'h', 'a', 'r', 'e', '/', 'g', '/', 'x', // "$share/g/x"
        0x10);                        //   QoS 0, retain handling 1
    SubscribePacket packet = new SubscribePacket(10, List.of(
        new MqttSubscription("a/b", MqttQos.AT_LEAST_ONCE, true, true,
            MqttRetainHandling.DO_NOT_SEND),
        new MqttSubscription("$share/g/x", MqttQos.AT_MOST_ONCE, false, false,
            MqttRetainHandling.SEND_IF_NEW_SUBSCRIPTION)),
        5, List.of(MqttUserProperty.of("k", "v")));
    assertClientVector(MqttVersion.V5, wire, packet);
  }

  @Test
  void subscribeWithMqtt5Options_v311_encoderLeavesThemOut() {
    SubscribePacket packet = new SubscribePacket(1, List.of(new MqttSubscription("t",
        MqttQos.AT_LEAST_ONCE, true, true, MqttRetainHandling.DO_NOT_SEND)), 7, List.of());

    assertThat(encode(MqttVersion.V3_1_1, packet)).containsExactly(
        0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 't', 0x01);
  }

  @Test
  void suback_v311_decodesAndEncodes() {
    byte[] wire = bytes(
        0x90, 0x05,                   // SUBACK, remaining length 5
        0x00, 0x0A,                   // packet id 10
        0x00, 0x01, 0x80);            // granted QoS 0, granted QoS 1, failure
    assertServerVector(MqttVersion.V3_1_1, wire, new SubackPacket(10, List.of(
        MqttReasonCode.SUCCESS, MqttReasonCode.GRANTED_QOS_1, MqttReasonCode.UNSPECIFIED_ERROR),
        ReasonProperties.NONE));
  }

  @Test
  void subackWithMqtt5FailureCode_v311_encodes0x80() {
    SubackPacket packet = new SubackPacket(3,
        List.of(MqttReasonCode.GRANTED_QOS_2, MqttReasonCode.TOPIC_FILTER_INVALID),
        ReasonProperties.NONE);

    assertThat(encode(MqttVersion.V3_1_1, packet)).containsExactly(
        0x90, 0x04, 0x00, 0x03, 0x02, 0x80);
  }

  @Test
  void subackWithReasonString_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0x90, 0x0A,                   // SUBACK, remaining length 10
        0x00, 0x0A,                   // packet id 10
        0x04,                         // property length 4
        0x1F, 0x00, 0x01, 'r',        //   reason string "r"
        0x02, 0x8F, 0xA2);            // granted QoS 2, topic filter invalid, no wildcards
    assertServerVector(MqttVersion.V5, wire, new SubackPacket(10, List.of(
        MqttReasonCode.GRANTED_QOS_2, MqttReasonCode.TOPIC_FILTER_INVALID,
        MqttReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED),
        new ReasonProperties("r", List.of())));
  }

  @Test
  void unsubscribe_v311_decodesAndEncodes() {
    byte[] wire = bytes(
        0xA2, 0x0A,                   // UNSUBSCRIBE (flags 0010), remaining length 10
        0x00, 0x0B,                   // packet id 11
        0x00, 0x01, 'x',              // topic filter "x"
        0x00, 0x03, 'a', '/', '+');   // topic filter "a/+"
    assertClientVector(MqttVersion.V3_1_1, wire,
        new UnsubscribePacket(11, List.of("x", "a/+"), List.of()));
  }

  @Test
  void unsubscribeWithUserProperty_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0xA2, 0x0D,                   // UNSUBSCRIBE, remaining length 13
        0x00, 0x0B,                   // packet id 11
        0x07,                         // property length 7
        0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // user property k=v
        0x00, 0x01, 'x');             // topic filter "x"
    assertClientVector(MqttVersion.V5, wire, new UnsubscribePacket(
        11, List.of("x"), List.of(MqttUserProperty.of("k", "v"))));
  }

  @Test
  void unsuback_v311_decodesAndEncodes() {
    byte[] wire = bytes(0xB0, 0x02, 0x00, 0x0B); // UNSUBACK, packet id 11
    assertServerVector(MqttVersion.V3_1_1, wire,
        new UnsubackPacket(11, List.of(), ReasonProperties.NONE));
  }

  @Test
  void unsuback_v5_decodesAndEncodes() {
    byte[] wire = bytes(
        0xB0, 0x05,                   // UNSUBACK, remaining length 5
        0x00, 0x0B,                   // packet id 11
        0x00,                         // no properties
        0x00, 0x11);                  // Success, No subscription existed
    assertServerVector(MqttVersion.V5, wire, new UnsubackPacket(11,
        List.of(MqttReasonCode.SUCCESS, MqttReasonCode.NO_SUBSCRIPTION_EXISTED),
        ReasonProperties.NONE));
  }
}
