package dev.mqttbridge.test.mosquitto;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed EC certificate for {@code 127.0.0.1} (also its own CA), as PEM files Mosquitto reads.
 * Made with the JDK's {@code keytool}, so no extra tool or library is needed.
 */
record SelfSignedCertificate(Path certificate, Path privateKey) {

  private static final String ALIAS = "broker";
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  static SelfSignedCertificate createIn(Path directory) throws Exception {
    Path keyStore = directory.resolve("broker.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    ClientResult result = ClientProcess.start("keytool", List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
        "-ext", "bc:c=ca:true", "-validity", "2", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
        "-storepass", new String(STORE_PASSWORD))).awaitExit(Duration.ofSeconds(60));
    result.requireSuccess();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, STORE_PASSWORD);
    }
    Path certificate = directory.resolve("broker.pem");
    Path privateKey = directory.resolve("broker.key");
    Files.writeString(certificate, pem("CERTIFICATE", store.getCertificate(ALIAS).getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(privateKey, pem("PRIVATE KEY", store.getKey(ALIAS, STORE_PASSWORD).getEncoded()),
        StandardCharsets.US_ASCII);
    return new SelfSignedCertificate(certificate, privateKey);
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
