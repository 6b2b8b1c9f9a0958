package dev.mqttbridge.kafka.connect;

import dev.mqttbridge.kafka.connect.mapping.ByteBuffers;
import dev.mqttbridge.kafka.connect.mapping.MqttHeaders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;

/**
 * Keeps the {@code mqtt.correlation.data} header as the exact bytes of the MQTT 5 correlation data,
 * and converts every other header as Connect's default {@link SimpleHeaderConverter} does.
 *
 * <p>The default converter writes a bytes header as Base64 text and reads it back as a string, so
 * binary correlation data would reach Kafka consumers and the sink connector as text. Set {@code
 * header.converter=dev.mqttbridge.kafka.connect.MqttHeaderConverter} on the source connector (the
 * Kafka header then holds the raw bytes) and on the sink connector (it reads them back as bytes),
 * and a request/response round trip keeps the correlation data byte for byte.
 */
public final class MqttHeaderConverter implements HeaderConverter, Versioned {

  private final SimpleHeaderConverter others = new SimpleHeaderConverter();

  @Override
  public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
    if (MqttHeaders.CORRELATION_DATA.equals(headerKey)) {
      return value == null ? SchemaAndValue.NULL : new SchemaAndValue(Schema.BYTES_SCHEMA, value);
    }
    return others.toConnectHeader(topic, headerKey, value);
  }

  @Override
  public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
    if (!MqttHeaders.CORRELATION_DATA.equals(headerKey) || value == null) {
      return others.fromConnectHeader(topic, headerKey, schema, value);
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      return ByteBuffers.copyOf(buffer);
    }
    throw new DataException("Header " + headerKey + " must hold bytes, not "
        + value.getClass().getName());
  }

  @Override
  public ConfigDef config() {
    return others.config();
  }

  @Override
  public void configure(Map<String, ?> configs) {
    others.configure(configs);
  }

  @Override
  public void close() throws IOException {
    others.close();
  }

  @Override
  public String version() {
    return Version.get();
  }
}
