package dev.mqttbridge.mqtt.internal.codec;

import dev.mqttbridge.mqtt.MqttMessage;
import dev.mqttbridge.mqtt.MqttQos;
import dev.mqttbridge.mqtt.MqttReasonCode;
import dev.mqttbridge.mqtt.MqttRetainHandling;
import dev.mqttbridge.mqtt.MqttSubscription;
import dev.mqttbridge.mqtt.MqttUserProperty;
import dev.mqttbridge.mqtt.MqttVersion;
import dev.mqttbridge.mqtt.internal.packet.AuthPacket;
import dev.mqttbridge.mqtt.internal.packet.AuthProperties;
import dev.mqttbridge.mqtt.internal.packet.ConnackPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnackProperties;
import dev.mqttbridge.mqtt.internal.packet.ConnectPacket;
import dev.mqttbridge.mqtt.internal.packet.ConnectProperties;
import dev.mqttbridge.mqtt.internal.packet.DisconnectPacket;
import dev.mqttbridge.mqtt.internal.packet.DisconnectProperties;
import dev.mqttbridge.mqtt.internal.packet.MqttPacket;
import dev.mqttbridge.mqtt.internal.packet.MqttPacketType;
import dev.mqttbridge.mqtt.internal.packet.PingreqPacket;
import dev.mqttbridge.mqtt.internal.packet.PingrespPacket;
import dev.mqttbridge.mqtt.internal.packet.PubackPacket;
import dev.mqttbridge.mqtt.internal.packet.PubcompPacket;
import dev.mqttbridge.mqtt.internal.packet.PublishPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrecPacket;
import dev.mqttbridge.mqtt.internal.packet.PubrelPacket;
import dev.mqttbridge.mqtt.internal.packet.ReasonProperties;
import dev.mqttbridge.mqtt.internal.packet.SubackPacket;
import dev.mqttbridge.mqtt.internal.packet.SubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubackPacket;
import dev.mqttbridge.mqtt.internal.packet.UnsubscribePacket;
import dev.mqttbridge.mqtt.internal.packet.WillMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of random valid packets for one connection: one MQTT version, one direction.
 * An instance is the sender's side of one stream: it remembers the topic aliases it has set up, so
 * a later PUBLISH may carry an alias only, and the CONNECT's session expiry, which bounds a later
 * DISCONNECT. Feed everything it produces, in order, to one decoder.
 *
 * <p>Values lean on the edges: empty and 65,535-byte strings, multi-byte UTF-8 (two, three and four
 * bytes, and U+FEFF, which must survive), packet ids 1 and 65,535, maximal property values, and
 * PUBLISH packets whose remaining length sits on each side of the variable byte integer's 1/2, 2/3
 * and 3/4 byte boundaries. For 3.x only what 3.x can carry is generated; {@link #projectTo} says
 * what a 3.x peer receives of an MQTT 5 packet.
 */
final class RandomPackets {

  /** Who sends the packets: decides which packet types, reason codes and properties are valid. */
  enum Direction {
    CLIENT_TO_SERVER,
    SERVER_TO_CLIENT
  }

  /** Remaining lengths where the variable byte integer grows a byte (and the last one before). */
  static final int[] REMAINING_LENGTH_EDGES = {127, 128, 16_383, 16_384};

  /** The 3/4 byte edge: 2 MiB payloads, so drawn rarely. */
  static final int[] LARGE_REMAINING_LENGTH_EDGES = {2_097_151, 2_097_152};

  /** Largest UTF-8 string or binary field: a two-byte length prefix. */
  static final int MAX_FIELD = 65_535;

  static final int MAX_SUBSCRIPTION_IDENTIFIER = 268_435_455;

  /** The topic alias maximum the receiving decoder is configured with. */
  static final int TOPIC_ALIAS_MAXIMUM = 65_535;

  private static final List<MqttPacketType> CLIENT_TYPES_3 = List.of(MqttPacketType.PUBLISH,
      MqttPacketType.PUBACK, MqttPacketType.PUBREC, MqttPacketType.PUBREL, MqttPacketType.PUBCOMP,
      MqttPacketType.SUBSCRIBE, MqttPacketType.UNSUBSCRIBE, MqttPacketType.PINGREQ,
      MqttPacketType.DISCONNECT);
  private static final List<MqttPacketType> CLIENT_TYPES_5 = withType(CLIENT_TYPES_3,
      MqttPacketType.AUTH);
  private static final List<MqttPacketType> SERVER_TYPES_3 = List.of(MqttPacketType.CONNACK,
      MqttPacketType.PUBLISH, MqttPacketType.PUBACK, MqttPacketType.PUBREC, MqttPacketType.PUBREL,
      MqttPacketType.PUBCOMP, MqttPacketType.SUBACK, MqttPacketType.UNSUBACK,
      MqttPacketType.PINGRESP);
  private static final List<MqttPacketType> SERVER_TYPES_5 = withType(withType(SERVER_TYPES_3,
      MqttPacketType.DISCONNECT), MqttPacketType.AUTH);

  // Reason codes each packet may carry (MQTT 5.0 sections 3.2.2.2 to 3.15.2.1).
  private static final List<MqttReasonCode> CONNACK_CODES_5 = codes(0x00, 0x80, 0x81, 0x82, 0x83,
      0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C,
      0x9D, 0x9F);
  /** The 3.1.1 return codes 0 to 5, as reason codes. */
  static final List<MqttReasonCode> CONNACK_CODES_3 = codes(0x00, 0x84, 0x85, 0x88, 0x86, 0x87);
  private static final List<MqttReasonCode> PUBACK_CODES = codes(0x00, 0x10, 0x80, 0x83, 0x87,
      0x90, 0x91, 0x97, 0x99);
  private static final List<MqttReasonCode> PUBREL_CODES = codes(0x00, 0x92);
  private static final List<MqttReasonCode> SUBACK_CODES_5 = codes(0x00, 0x01, 0x02, 0x80, 0x83,
      0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2);
  private static final List<MqttReasonCode> SUBACK_CODES_3 = codes(0x00, 0x01, 0x02, 0x80);
  private static final List<MqttReasonCode> UNSUBACK_CODES = codes(0x00, 0x11, 0x80, 0x83, 0x87,
      0x8F, 0x91);
  private static final List<MqttReasonCode> CLIENT_DISCONNECT_CODES = codes(0x00, 0x04, 0x80,
      0x81, 0x82, 0x83, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99);
  private static final List<MqttReasonCode> SERVER_DISCONNECT_CODES = codes(0x00, 0x80, 0x81,
      0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98,
      0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2);
  private static final List<MqttReasonCode> CLIENT_AUTH_CODES = codes(0x18, 0x19);
  private static final List<MqttReasonCode> SERVER_AUTH_CODES = codes(0x00, 0x18);

  // Character pools by UTF-8 width; none holds U+0000, control characters, '/', '+' or '#'.
  private static final String ASCII =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:;,= $%&*()[]{}<>!?'\"@~^|";
  private static final String ALPHANUMERIC =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String TWO_BYTES = "éßøÆЖжΩλ";
  private static final String THREE_BYTES = "中文€✓日本語\uFEFF";
  private static final int[] FOUR_BYTES = {0x1F600, 0x1D11E, 0x1F680, 0x20BB7};

  private final Random random;
  private final MqttVersion version;
  private final Direction direction;
  private final Map<Integer, String> aliases = new HashMap<>();
  private long connectSessionExpiry;

  RandomPackets(long seed, MqttVersion version, Direction direction) {
    this.random = new Random(seed);
    this.version = version;
    this.direction = direction;
  }

  MqttVersion version() {
    return version;
  }

  Direction direction() {
    return direction;
  }

  /**
   * A stream as this side sends it: client to server it opens with a CONNECT, server to client
   * with a CONNACK; then {@code count - 1} packets of any type valid in this direction.
   */
  List<MqttPacket> stream(int count) {
    List<MqttPacket> packets = new ArrayList<>(count);
    packets.add(direction == Direction.CLIENT_TO_SERVER ? connect() : connack());
    while (packets.size() < count) {
      packets.add(next());
    }
    return packets;
  }

  /** A packet of a random type valid after the connection is established (never CONNECT). */
  MqttPacket next() {
    List<MqttPacketType> types = direction == Direction.CLIENT_TO_SERVER
        ? (version.isMqtt5() ? CLIENT_TYPES_5 : CLIENT_TYPES_3)
        : (version.isMqtt5() ? SERVER_TYPES_5 : SERVER_TYPES_3);
    // PUBLISH is what a connection mostly carries, and has the most fields: weigh it up.
    return of(chance(3) ? MqttPacketType.PUBLISH : pick(types));
  }

  /** A packet of this type, valid for this version and direction. */
  MqttPacket of(MqttPacketType type) {
    switch (type) {
      case CONNECT:
        return connect();
      case CONNACK:
        return connack();
      case PUBLISH:
        return publish();
      case PUBACK:
        return new PubackPacket(packetId(), ackCode(PUBACK_CODES), reasonProperties());
      case PUBREC:
        return new PubrecPacket(packetId(), ackCode(PUBACK_CODES), reasonProperties());
      case PUBREL:
        return new PubrelPacket(packetId(), ackCode(PUBREL_CODES), reasonProperties());
      case PUBCOMP:
        return new PubcompPacket(packetId(), ackCode(PUBREL_CODES), reasonProperties());
      case SUBSCRIBE:
        return subscribe();
      case SUBACK:
        return suback();
      case UNSUBSCRIBE:
        return unsubscribe();
      case UNSUBACK:
        return unsuback();
      case PINGREQ:
        return PingreqPacket.INSTANCE;
      case PINGRESP:
        return PingrespPacket.INSTANCE;
      case DISCONNECT:
        return disconnect();
      case AUTH:
        return auth();
      default:
        throw new IllegalArgumentException(type.toString());
    }
  }

  ConnectPacket connect() {
    String clientId;
    boolean cleanStart = random.nextBoolean();
    if (version == MqttVersion.V3_1) {
      clientId = fromPool(ALPHANUMERIC, 1 + random.nextInt(23)); // 3.1 requires 1 to 23 chars
    } else {
      int roll = random.nextInt(8);
      clientId = roll == 0 ? "" : roll == 1 ? text() : fromPool(ALPHANUMERIC, 1 + random.nextInt(23));
      // 3.1.1 takes an empty client identifier only with a clean session [MQTT-3.1.3-7].
      cleanStart |= clientId.isEmpty() && version == MqttVersion.V3_1_1;
    }
    int keepAlive = chance(8) ? pick(0, 65_535) : random.nextInt(65_536);
    String username = chance(2) ? text() : null;
    // 3.x forbids a password without a user name [MQTT-3.1.2-22].
    byte[] password = chance(2) && (version.isMqtt5() || username != null) ? bytes() : null;
    WillMessage will = chance(2) ? new WillMessage(message(), version.isMqtt5() && chance(2)
        ? uint32() : 0) : null;
    ConnectProperties properties = version.isMqtt5() ? connectProperties()
        : ConnectProperties.DEFAULTS;
    connectSessionExpiry = properties.sessionExpiryInterval();
    return new ConnectPacket(version, clientId, cleanStart, keepAlive, username, password, will,
        properties);
  }

  private ConnectProperties connectProperties() {
    String method = chance(4) ? text() : null;
    return new ConnectProperties(
        chance(2) ? uint32() : 0,
        chance(2) ? 1 + random.nextInt(65_535) : 65_535,
        chance(2) ? 1 + (long) (random.nextDouble() * 0xFFFF_FFFEL) : 0,
        chance(2) ? random.nextInt(65_536) : 0,
        random.nextBoolean(),
        random.nextBoolean(),
        userProperties(),
        method,
        method != null && chance(2) ? bytes() : null); // data needs a method (3.1.2.11.10)
  }

  ConnackPacket connack() {
    if (!version.isMqtt5()) {
      MqttReasonCode code = chance(2) ? MqttReasonCode.SUCCESS : pick(CONNACK_CODES_3);
      // 3.1 has no session present flag; an error never has a session [MQTT-3.2.2-4].
      boolean sessionPresent = version == MqttVersion.V3_1_1 && !code.isError()
          && random.nextBoolean();
      return new ConnackPacket(sessionPresent, code, ConnackProperties.DEFAULTS);
    }
    MqttReasonCode code = chance(2) ? MqttReasonCode.SUCCESS : pick(CONNACK_CODES_5);
    String method = chance(4) ? text() : null;
    ConnackProperties properties = new ConnackProperties(
        chance(2) ? uint32() : -1,
        chance(2) ? 1 + random.nextInt(65_535) : 65_535,
        chance(3) ? MqttQos.of(random.nextInt(2)) : MqttQos.EXACTLY_ONCE, // 2 is never sent
        !chance(3),
        chance(2) ? 1 + (long) (random.nextDouble() * 0xFFFF_FFFEL) : 0,
        chance(4) ? text() : null,
        chance(2) ? random.nextInt(65_536) : 0,
        chance(3) ? text() : null,
        userProperties(),
        !chance(3),
        !chance(3),
        !chance(3),
        chance(2) ? random.nextInt(65_536) : -1,
        chance(4) ? text() : null,
        chance(4) ? text() : null,
        method,
        method != null && chance(2) ? bytes() : null);
    return new ConnackPacket(!code.isError() && random.nextBoolean(), code, properties);
  }

  /** A PUBLISH; in one case out of fifty its remaining length sits on a varint edge. */
  PublishPacket publish() {
    if (chance(50)) {
      int[] edges = chance(20) ? LARGE_REMAINING_LENGTH_EDGES : REMAINING_LENGTH_EDGES;
      return publishWithRemainingLength(version, edges[random.nextInt(edges.length)]);
    }
    MqttMessage message = message();
    String topic = message.topic();
    int packetId = message.qos() == MqttQos.AT_MOST_ONCE ? 0 : packetId();
    boolean duplicate = packetId != 0 && chance(4); // QoS 0 never has DUP [MQTT-3.3.1-2]
    int topicAlias = 0;
    boolean aliasOnly = false;
    List<Integer> subscriptionIdentifiers = List.of();
    if (version.isMqtt5()) {
      if (!aliases.isEmpty() && chance(3)) {
        List<Integer> known = new ArrayList<>(aliases.keySet());
        topicAlias = known.get(random.nextInt(known.size()));
        aliasOnly = chance(2);
        if (aliasOnly) {
          message = message.toBuilder().topic(aliases.get(topicAlias)).build();
        } else {
          aliases.put(topicAlias, topic); // a sender may remap an alias (3.3.2.3.4)
        }
      } else if (chance(4)) {
        topicAlias = chance(10) ? TOPIC_ALIAS_MAXIMUM : 1 + random.nextInt(10);
        aliases.put(topicAlias, topic);
      }
      // Only a server sends subscription identifiers [MQTT-3.3.4-6].
      if (direction == Direction.SERVER_TO_CLIENT && chance(3)) {
        List<Integer> ids = new ArrayList<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
          ids.add(subscriptionIdentifier());
        }
        subscriptionIdentifiers = ids;
      }
    }
    return new PublishPacket(message, packetId, duplicate, topicAlias, aliasOnly,
        subscriptionIdentifiers);
  }

  /**
   * A QoS 1 PUBLISH to {@code t/b} without properties whose encoded remaining length is exactly
   * this: the payload makes up the rest.
   */
  static PublishPacket publishWithRemainingLength(MqttVersion version, int remainingLength) {
    String topic = "t/b";
    int overhead = 2 + topic.length() + 2 + (version.isMqtt5() ? 1 : 0);
    byte[] payload = new byte[remainingLength - overhead];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i;
    }
    MqttMessage message = MqttMessage.builder(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload)
        .build();
    return PublishPacket.of(message, 65_535);
  }

  /** An application message with every property this version carries, each set at random. */
  MqttMessage message() {
    MqttMessage.Builder builder = MqttMessage.builder(topicName())
        .qos(MqttQos.of(random.nextInt(3)))
        .retain(random.nextBoolean());
    if (!version.isMqtt5()) {
      return builder.payload(bytes()).build();
    }
    boolean utf8 = chance(3);
    // A receiver may check a UTF-8 payload [MQTT-3.3.2-4], so a declared one is real UTF-8.
    builder.payload(utf8 ? text().getBytes(StandardCharsets.UTF_8) : bytes()).payloadUtf8(utf8);
    if (chance(2)) {
      builder.messageExpiryInterval(uint32());
    }
    if (chance(3)) {
      builder.contentType(text());
    }
    if (chance(4)) {
      builder.responseTopic(topicName());
    }
    if (chance(4)) {
      builder.correlationData(bytes());
    }
    return builder.userProperties(userProperties()).build();
  }

  SubscribePacket subscribe() {
    List<MqttSubscription> subscriptions = new ArrayList<>();
    for (int i = count(); i >= 0; i--) {
      String filter = topicFilter();
      if (!version.isMqtt5()) {
        subscriptions.add(MqttSubscription.of(filter, MqttQos.of(random.nextInt(3))));
      } else {
        // No Local on a shared subscription is a protocol error [MQTT-3.8.3-4].
        boolean noLocal = !filter.startsWith("$share/") && random.nextBoolean();
        subscriptions.add(new MqttSubscription(filter, MqttQos.of(random.nextInt(3)), noLocal,
            random.nextBoolean(), MqttRetainHandling.of(random.nextInt(3))));
      }
    }
    return version.isMqtt5()
        ? new SubscribePacket(packetId(), subscriptions,
            chance(2) ? subscriptionIdentifier() : 0, userProperties())
        : new SubscribePacket(packetId(), subscriptions, 0, List.of());
  }

  UnsubscribePacket unsubscribe() {
    List<String> filters = new ArrayList<>();
    for (int i = count(); i >= 0; i--) {
      filters.add(topicFilter());
    }
    return new UnsubscribePacket(packetId(), filters,
        version.isMqtt5() ? userProperties() : List.of());
  }

  SubackPacket suback() {
    List<MqttReasonCode> codes = new ArrayList<>();
    for (int i = count(); i >= 0; i--) {
      codes.add(pick(version.isMqtt5() ? SUBACK_CODES_5 : SUBACK_CODES_3));
    }
    return new SubackPacket(packetId(), codes, reasonProperties());
  }

  UnsubackPacket unsuback() {
    List<MqttReasonCode> codes = new ArrayList<>();
    if (version.isMqtt5()) { // 3.x UNSUBACK has no payload
      for (int i = count(); i >= 0; i--) {
        codes.add(pick(UNSUBACK_CODES));
      }
    }
    return new UnsubackPacket(packetId(), codes, reasonProperties());
  }

  DisconnectPacket disconnect() {
    if (!version.isMqtt5()) {
      return DisconnectPacket.NORMAL;
    }
    if (chance(4)) {
      return DisconnectPacket.NORMAL; // the two-byte short form
    }
    boolean fromClient = direction == Direction.CLIENT_TO_SERVER;
    MqttReasonCode code = pick(fromClient ? CLIENT_DISCONNECT_CODES : SERVER_DISCONNECT_CODES);
    // Only a client sends a session expiry, and not when its CONNECT said 0 [MQTT-3.14.2-2];
    // only a server sends a server reference.
    long sessionExpiry = fromClient && connectSessionExpiry != 0 && chance(2) ? uint32() : -1;
    return new DisconnectPacket(code, new DisconnectProperties(sessionExpiry,
        chance(3) ? text() : null, userProperties(),
        !fromClient && chance(4) ? text() : null));
  }

  AuthPacket auth() {
    MqttReasonCode code = pick(direction == Direction.CLIENT_TO_SERVER
        ? CLIENT_AUTH_CODES : SERVER_AUTH_CODES);
    return new AuthPacket(code, new AuthProperties(text(), chance(2) ? bytes() : null,
        chance(3) ? text() : null, userProperties()));
  }

  private ReasonProperties reasonProperties() {
    if (!version.isMqtt5() || chance(3)) {
      return ReasonProperties.NONE;
    }
    return new ReasonProperties(chance(2) ? text() : null, userProperties());
  }

  private MqttReasonCode ackCode(List<MqttReasonCode> codes) {
    return version.isMqtt5() && chance(2) ? pick(codes) : MqttReasonCode.SUCCESS;
  }

  /**
   * What a peer of this 3.x version receives when an MQTT 5 packet goes through a 3.x encoder:
   * properties, reason codes other than 3.x's, aliases and subscription identifiers dropped. Only
   * for packets 3.x can express at all (no AUTH, no CONNACK code beyond 3.1.1's).
   */
  static MqttPacket projectTo(MqttVersion version, MqttPacket packet) {
    if (version.isMqtt5()) {
      return packet;
    }
    if (packet instanceof ConnectPacket connect) {
      WillMessage will = connect.will() == null ? null
          : new WillMessage(project(connect.will().message()), 0);
      return new ConnectPacket(version, connect.clientId(), connect.cleanStart(),
          connect.keepAlive(), connect.username(), connect.password(), will,
          ConnectProperties.DEFAULTS);
    } else if (packet instanceof ConnackPacket connack) {
      return new ConnackPacket(version == MqttVersion.V3_1_1 && connack.sessionPresent(),
          connack.reasonCode(), ConnackProperties.DEFAULTS);
    } else if (packet instanceof PublishPacket publish) {
      return new PublishPacket(project(publish.message()), publish.packetId(),
          publish.duplicate(), 0, false, List.of());
    } else if (packet instanceof PubackPacket ack) {
      return PubackPacket.of(ack.packetId());
    } else if (packet instanceof PubrecPacket ack) {
      return PubrecPacket.of(ack.packetId());
    } else if (packet instanceof PubrelPacket ack) {
      return PubrelPacket.of(ack.packetId());
    } else if (packet instanceof PubcompPacket ack) {
      return PubcompPacket.of(ack.packetId());
    } else if (packet instanceof SubscribePacket subscribe) {
      List<MqttSubscription> subscriptions = new ArrayList<>();
      for (MqttSubscription subscription : subscribe.subscriptions()) {
        subscriptions.add(MqttSubscription.of(subscription.topicFilter(), subscription.qos()));
      }
      return new SubscribePacket(subscribe.packetId(), subscriptions, 0, List.of());
    } else if (packet instanceof SubackPacket suback) {
      List<MqttReasonCode> codes = new ArrayList<>();
      for (MqttReasonCode code : suback.reasonCodes()) {
        codes.add(code.isError() ? MqttReasonCode.UNSPECIFIED_ERROR : code); // 3.x has only 0x80
      }
      return new SubackPacket(suback.packetId(), codes, ReasonProperties.NONE);
    } else if (packet instanceof UnsubscribePacket unsubscribe) {
      return new UnsubscribePacket(unsubscribe.packetId(), unsubscribe.topicFilters(), List.of());
    } else if (packet instanceof UnsubackPacket unsuback) {
      return new UnsubackPacket(unsuback.packetId(), List.of(), ReasonProperties.NONE);
    } else if (packet instanceof DisconnectPacket) {
      return DisconnectPacket.NORMAL;
    }
    return packet;
  }

  /** The message without its MQTT 5 properties. */
  static MqttMessage project(MqttMessage message) {
    return MqttMessage.builder(message.topic()).qos(message.qos()).retain(message.isRetain())
        .payload(message.unsafePayload()).build();
  }

  // --- values -----------------------------------------------------------------------------------

  /** A topic name: 1 to 4 levels, some empty, some multi-byte; rarely $SYS or 65,535 bytes. */
  String topicName() {
    if (chance(500)) {
      return utf8(MAX_FIELD, false);
    }
    StringBuilder topic = new StringBuilder(chance(10) ? "$SYS/" : "");
    for (int i = random.nextInt(4); i >= 0; i--) {
      topic.append(level());
      if (i > 0) {
        topic.append('/');
      }
    }
    return topic.length() == 0 ? "t" : topic.toString();
  }

  /** A topic filter: levels, '+' levels, a trailing '#', sometimes a shared subscription. */
  String topicFilter() {
    if (chance(500)) {
      return utf8(MAX_FIELD, false);
    }
    StringBuilder filter = new StringBuilder();
    int levels = 1 + random.nextInt(4);
    for (int i = 0; i < levels; i++) {
      if (i > 0) {
        filter.append('/');
      }
      if (i == levels - 1 && chance(4)) {
        filter.append('#');
      } else if (chance(4)) {
        filter.append('+');
      } else {
        filter.append(level());
      }
    }
    if (filter.length() == 0) {
      filter.append('x'); // a filter is at least one character
    }
    if (version.isMqtt5() && chance(8)) {
      return "$share/" + fromPool(ALPHANUMERIC, 1 + random.nextInt(8)) + "/" + filter;
    }
    return filter.toString();
  }

  private String level() {
    int length = random.nextInt(8);
    StringBuilder level = new StringBuilder();
    for (int i = 0; i < length; i++) {
      appendCodePoint(level);
    }
    return level.toString();
  }

  /** A UTF-8 string: usually short, sometimes empty, rarely exactly 65,535 bytes. */
  String text() {
    int roll = random.nextInt(200);
    if (roll == 0) {
      return utf8(MAX_FIELD, true);
    } else if (roll < 20) {
      return "";
    }
    int length = random.nextInt(roll < 40 ? 300 : 16);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      appendCodePoint(text);
    }
    return text.toString();
  }

  /** A string of exactly this many UTF-8 bytes, mixing widths; slashes allowed or not. */
  String utf8(int byteLength, boolean slashes) {
    StringBuilder text = new StringBuilder(byteLength);
    int bytes = 0;
    while (byteLength - bytes >= 4) {
      int before = text.length();
      appendCodePoint(text);
      bytes += utf8Length(text.substring(before));
      if (slashes && bytes < byteLength && chance(20)) {
        text.append('/');
        bytes++;
      }
    }
    while (bytes < byteLength) {
      text.append(ASCII.charAt(random.nextInt(ASCII.length())));
      bytes++;
    }
    return text.toString();
  }

  private void appendCodePoint(StringBuilder text) {
    int roll = random.nextInt(10);
    if (roll < 6) {
      text.append(ASCII.charAt(random.nextInt(ASCII.length())));
    } else if (roll < 8) {
      text.append(TWO_BYTES.charAt(random.nextInt(TWO_BYTES.length())));
    } else if (roll < 9) {
      text.append(THREE_BYTES.charAt(random.nextInt(THREE_BYTES.length())));
    } else {
      text.appendCodePoint(FOUR_BYTES[random.nextInt(FOUR_BYTES.length)]);
    }
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private String fromPool(String pool, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(pool.charAt(random.nextInt(pool.length())));
    }
    return text.toString();
  }

  /** Binary data: usually short, sometimes empty, rarely 65,535 bytes. */
  byte[] bytes() {
    int roll = random.nextInt(200);
    int length = roll == 0 ? MAX_FIELD : roll < 20 ? 0 : random.nextInt(roll < 40 ? 2_000 : 32);
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  List<MqttUserProperty> userProperties() {
    int roll = random.nextInt(100);
    int count = roll < 50 ? 0 : roll < 95 ? 1 + random.nextInt(3) : 20 + random.nextInt(100);
    List<MqttUserProperty> properties = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      // Repeated names are legal and keep their order.
      String name = i > 0 && chance(5) ? properties.get(i - 1).name() : text();
      properties.add(new MqttUserProperty(name, text()));
    }
    return properties;
  }

  int packetId() {
    return chance(10) ? pick(1, 65_535) : 1 + random.nextInt(65_535);
  }

  private int subscriptionIdentifier() {
    // Edges of the variable byte integer it is written as, and the maximum.
    int[] edges = {1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, MAX_SUBSCRIPTION_IDENTIFIER};
    return chance(3) ? edges[random.nextInt(edges.length)]
        : 1 + random.nextInt(MAX_SUBSCRIPTION_IDENTIFIER);
  }

  private long uint32() {
    return chance(4) ? pick(0, 0xFFFF_FFFFL) : random.nextLong() & 0xFFFF_FFFFL;
  }

  private int count() {
    return chance(20) ? random.nextInt(50) : random.nextInt(3);
  }

  private boolean chance(int oneIn) {
    return random.nextInt(oneIn) == 0;
  }

  private int pick(int a, int b) {
    return random.nextBoolean() ? a : b;
  }

  private long pick(long a, long b) {
    return random.nextBoolean() ? a : b;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static List<MqttReasonCode> codes(int... values) {
    List<MqttReasonCode> codes = new ArrayList<>();
    for (int value : values) {
      codes.add(MqttReasonCode.fromValue(value));
    }
    return List.copyOf(codes);
  }

  private static List<MqttPacketType> withType(List<MqttPacketType> types, MqttPacketType type) {
    List<MqttPacketType> all = new ArrayList<>(types);
    all.add(type);
    return List.copyOf(all);
  }
}
