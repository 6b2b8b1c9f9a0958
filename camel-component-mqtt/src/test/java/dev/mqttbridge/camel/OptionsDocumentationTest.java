package dev.mqttbridge.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The options and headers tables in the docs are rendered from the generated component JSON. When
 * this fails, regenerate them with
 * {@code mvn -pl camel-component-mqtt test -Dtest=OptionsDocumentationTest -Dmqtt.docs.update=true}
 * and commit the result.
 */
class OptionsDocumentationTest {

  private static final boolean UPDATE = Boolean.getBoolean("mqtt.docs.update");

  private final OptionsDocumentation docs = OptionsDocumentation.fromClasspath();

  @Test
  void asciiDocPage_optionsAndHeadersTables_matchGeneratedJson() throws IOException {
    String page = OptionsDocumentation.read(OptionsDocumentation.ADOC);
    if (UPDATE) {
      java.nio.file.Files.writeString(OptionsDocumentation.ADOC, docs.updateAsciiDoc(page));
      page = OptionsDocumentation.read(OptionsDocumentation.ADOC);
    }
    assertThat(page).as("src/main/docs/mqtt-component.adoc is stale; see this test's Javadoc")
        .isEqualTo(docs.updateAsciiDoc(page));
  }

  @Test
  void readme_optionsAndHeadersTables_matchGeneratedJson() throws IOException {
    String readme = OptionsDocumentation.read(OptionsDocumentation.README);
    if (UPDATE) {
      java.nio.file.Files.writeString(OptionsDocumentation.README, docs.updateReadme(readme));
      readme = OptionsDocumentation.read(OptionsDocumentation.README);
    }
    assertThat(readme).as("README.md is stale; see this test's Javadoc")
        .isEqualTo(docs.updateReadme(readme));
  }
}
