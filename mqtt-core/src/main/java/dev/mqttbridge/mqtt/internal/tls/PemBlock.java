package dev.mqttbridge.mqtt.internal.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code -----BEGIN TYPE-----} block of a PEM file: its type, its RFC 1421 headers (OpenSSL's
 * {@code Proc-Type} and {@code DEK-Info} on encrypted PKCS#1 keys) and its decoded bytes. Text
 * outside blocks, such as the comments of CA bundles, is ignored.
 */
record PemBlock(String type, Map<String, String> headers, byte[] der) {

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";

  /** Every block in the file, in order; fails when the file has none or a block is not closed. */
  static List<PemBlock> readAll(Path file) throws IOException {
    List<PemBlock> blocks = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i++).strip();
      if (!line.startsWith(BEGIN) || !line.endsWith("-----")) {
        continue;
      }
      String type = line.substring(BEGIN.length(), line.length() - 5);
      Map<String, String> headers = new LinkedHashMap<>();
      StringBuilder base64 = new StringBuilder();
      boolean closed = false;
      while (i < lines.size()) {
        String body = lines.get(i++).strip();
        if (body.startsWith(END)) {
          closed = true;
          break;
        }
        int colon = body.indexOf(':');
        if (colon > 0 && base64.length() == 0) {
          headers.put(body.substring(0, colon).strip(), body.substring(colon + 1).strip());
        } else {
          base64.append(body);
        }
      }
      if (!closed) {
        throw new IOException(file + ": PEM block " + type + " has no END line");
      }
      try {
        blocks.add(new PemBlock(type, Map.copyOf(headers), Base64.getDecoder().decode(base64.toString())));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": PEM block " + type + " is not valid Base64", e);
      }
    }
    if (blocks.isEmpty()) {
      throw new IOException(file + " holds no PEM block");
    }
    return blocks;
  }
}
