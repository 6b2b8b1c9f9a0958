package dev.mqttbridge.kafka.connect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MqttHeaderConverterTest {

  private static final byte[] BINARY = {0, (byte) 0xFF, (byte) 0xC3, 0x28, '\n'};

  private final MqttHeaderConverter converter = new MqttHeaderConverter();

  @BeforeEach
  void configure() {
    converter.configure(Map.of());
  }

  @Test
  void correlationData_isWrittenAndReadAsTheExactBytes() {
    byte[] written = converter.fromConnectHeader("t", "mqtt.correlation.data", Schema.BYTES_SCHEMA,
        BINARY);
    assertThat(written).isEqualTo(BINARY);

    SchemaAndValue read = converter.toConnectHeader("t", "mqtt.correlation.data", written);
    assertThat(read.schema()).isEqualTo(Schema.BYTES_SCHEMA);
    assertThat((byte[]) read.value()).isEqualTo(BINARY);
  }

  @Test
  void correlationDataAsByteBuffer_isWrittenAsItsRemainingBytes() {
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 0, (byte) 0xFF, 9}, 1, 2);
    assertThat(converter.fromConnectHeader("t", "mqtt.correlation.data", Schema.BYTES_SCHEMA,
        buffer)).containsExactly(0, 0xFF);
  }

  @Test
  void correlationDataAsText_isRefused() {
    assertThatThrownBy(() -> converter.fromConnectHeader("t", "mqtt.correlation.data",
        Schema.STRING_SCHEMA, "req-1"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("mqtt.correlation.data");
  }

  @Test
  void otherHeaders_areConvertedAsTheSimpleHeaderConverterDoes() {
    assertThat(converter.fromConnectHeader("t", "mqtt.qos", Schema.INT32_SCHEMA, 1))
        .isEqualTo("1".getBytes(UTF_8));
    assertThat(converter.toConnectHeader("t", "mqtt.qos", "1".getBytes(UTF_8)).value())
        .isEqualTo((byte) 1);
    assertThat(converter.toConnectHeader("t", "mqtt.topic", "a/b".getBytes(UTF_8)).value())
        .isEqualTo("a/b");
  }

  @Test
  void nullCorrelationData_staysNull() {
    assertThat(converter.toConnectHeader("t", "mqtt.correlation.data", null).value()).isNull();
    assertThat(converter.fromConnectHeader("t", "mqtt.correlation.data", null, null)).isNull();
  }
}
