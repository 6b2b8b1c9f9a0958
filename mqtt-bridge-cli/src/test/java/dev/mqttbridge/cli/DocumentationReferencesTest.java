package dev.mqttbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ name files, classes and tests; when one is renamed or moved, these pages
 * must follow. Checks that every relative link, fully qualified {@code dev.mqttbridge} class and
 * test class they name exists in the repository.
 */
class DocumentationReferencesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
  private static final Pattern QUALIFIED_CLASS =
      Pattern.compile("\\bdev\\.mqttbridge(?:\\.[a-z0-9]+)+\\.[A-Z][A-Za-z0-9]*");
  private static final Pattern TEST_CLASS = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:IT|Test))`");

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  private static Set<String> javaFileNames() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !ROOT.relativize(p).toString().contains("target"))
          .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toSet());
    }
  }

  private static String read(Path page) {
    try {
      return Files.readString(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every match of the pattern in the pages that {@code resolves} refuses, named by its page. */
  private static List<String> unresolved(Pattern pattern, BiPredicate<Path, String> resolves)
      throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path page : pages()) {
      Matcher match = pattern.matcher(read(page));
      while (match.find()) {
        String reference = match.group(match.groupCount() > 0 ? 1 : 0);
        if (!resolves.test(page, reference)) {
          missing.add(ROOT.relativize(page) + ": " + reference);
        }
      }
    }
    return missing;
  }

  @Test
  void relativeLinks_pointToExistingFiles() throws IOException {
    assertThat(unresolved(LINK, (page, target) -> target.contains("://")
        || Files.exists(page.getParent().resolve(target))))
        .as("links to files that do not exist").isEmpty();
  }

  @Test
  void qualifiedClassNames_existAsSourceFiles() throws IOException {
    Set<String> sources = javaFileNames();
    assertThat(unresolved(QUALIFIED_CLASS, (page, name) -> sources.stream()
        .anyMatch(s -> s.endsWith("/java/" + name.replace('.', '/') + ".java"))))
        .as("classes named in the docs but not in the sources").isEmpty();
  }

  @Test
  void testClassesNamedAsEvidence_exist() throws IOException {
    Set<String> sources = javaFileNames();
    assertThat(unresolved(TEST_CLASS, (page, name) -> sources.stream()
        .anyMatch(s -> s.endsWith("/" + name + ".java"))))
        .as("tests named in the docs but not in the sources").isEmpty();
  }
}
