package dev.mqttbridge.test.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoExecutablesTest {

  private static final String INSTALL_COMMAND = "sudo apt-get install -y mosquitto mosquitto-clients";

  @TempDir
  Path emptyDirectory;

  private MosquittoExecutables nothingInstalled() {
    return new MosquittoExecutables(emptyDirectory.toString(), List.of(emptyDirectory));
  }

  @Test
  void brokerMissing_failsNamingTheInstallCommand() {
    assertThatThrownBy(() -> nothingInstalled().broker())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'mosquitto'")
        .hasMessageContaining(INSTALL_COMMAND);
  }

  @Test
  void startingABrokerWithoutMosquitto_failsNamingTheInstallCommand() {
    assertThatThrownBy(() -> MosquittoBroker.start(MosquittoConfig.defaults(), nothingInstalled()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(INSTALL_COMMAND);
  }

  @Test
  void clientsMissing_failNamingTheInstallCommand() {
    MosquittoClients clients = new MosquittoClients(nothingInstalled(), "127.0.0.1", 1883);

    assertThatThrownBy(() -> clients.pub("-t", "a", "-m", "b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'mosquitto_pub'")
        .hasMessageContaining(INSTALL_COMMAND);
    assertThatThrownBy(() -> clients.startSub("-t", "a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'mosquitto_sub'")
        .hasMessageContaining(INSTALL_COMMAND);
  }

  @Test
  void passwordToolMissing_failsBeforeAnythingStarts() {
    MosquittoConfig withUser = MosquittoConfig.builder().user("alice", "secret").build();

    assertThatThrownBy(() -> MosquittoBroker.start(withUser, nothingInstalled()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(INSTALL_COMMAND);
  }

  @Test
  void searchPathComesBeforeFallbackDirectories() throws IOException {
    Path first = Files.createDirectory(emptyDirectory.resolve("first"));
    Path fallback = Files.createDirectory(emptyDirectory.resolve("fallback"));
    Path expected = executable(first, "mosquitto");
    executable(fallback, "mosquitto");

    MosquittoExecutables executables =
        new MosquittoExecutables("/no/such/dir:" + first, List.of(fallback));

    assertThat(executables.broker()).isEqualTo(expected);
  }

  @Test
  void fallbackDirectoryIsUsedWhenThePathHasNone() throws IOException {
    Path expected = executable(emptyDirectory, "mosquitto_sub");

    MosquittoExecutables executables = new MosquittoExecutables("", List.of(Path.of("/no/such/dir"), emptyDirectory));

    assertThat(executables.subscriber()).isEqualTo(expected);
  }

  @Test
  void nonExecutableFile_isNotTakenForTheBroker() throws IOException {
    Files.createFile(emptyDirectory.resolve("mosquitto"));

    assertThatThrownBy(() -> nothingInstalled().broker()).hasMessageContaining(INSTALL_COMMAND);
  }

  private static Path executable(Path directory, String name) throws IOException {
    Path file = directory.resolve(name);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    return file;
  }
}
