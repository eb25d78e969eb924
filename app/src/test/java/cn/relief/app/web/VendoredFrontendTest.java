package cn.relief.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The vendored bpmn-js, dmn-js and form-js files (written by {@code app/vendor-frontend.sh}) are
 * on the classpath as {@code static/vendor/README.md} lists them, with their licences and the
 * bpmn.io watermark, and fit the models and forms the app deploys. Reads the classpath and the
 * source folder: no Spring context.
 */
class VendoredFrontendTest {
  private static final String VENDOR = "static/vendor/";
  private static final Path SOURCE_FOLDER = Path.of("src", "main", "resources", "static", "vendor");
  private static final Pattern PACKAGE_ROW =
      Pattern.compile("^\\| `([^`]+)` \\| (\\d+\\.\\d+\\.\\d+) \\| `([^`/]+)/` \\| ([^|]+) \\| `(sha512-[A-Za-z0-9+/=]+)` \\|$");
  private static final Pattern FILE_ROW = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\| (\\d+) \\|$");

  /** The package folders the pages rely on, and the bundles in them that must show the watermark. */
  private static final Map<String, List<String>> WATERMARKED_BUNDLES = Map.of(
      "bpmn-js", List.of("bpmn-modeler.production.min.js", "bpmn-navigated-viewer.production.min.js"),
      "dmn-js", List.of("dmn-modeler.production.min.js", "dmn-viewer.production.min.js"),
      "form-js", List.of("form-viewer.umd.js", "form-editor.umd.js"));

  private record VendoredPackage(String name, String version, String folder, String licence, String integrity) {}

  private static String readme() {
    return text(VENDOR + "README.md");
  }

  private static Map<String, VendoredPackage> packages() {
    Map<String, VendoredPackage> packages = new LinkedHashMap<>();
    for (String line : readme().split("\n")) {
      Matcher row = PACKAGE_ROW.matcher(line.strip());
      if (row.matches()) {
        packages.put(row.group(3), new VendoredPackage(row.group(1), row.group(2), row.group(3), row.group(4), row.group(5)));
      }
    }
    return packages;
  }

  /** The listed files (relative to static/vendor/) and their sizes in bytes. */
  private static Map<String, Long> files() {
    Map<String, Long> files = new LinkedHashMap<>();
    for (String line : readme().split("\n")) {
      Matcher row = FILE_ROW.matcher(line.strip());
      if (row.matches()) {
        files.put(row.group(1), Long.parseLong(row.group(3)));
      }
    }
    return files;
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = VendoredFrontendTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("classpath resource " + resource).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }

  @Test
  void theReadmeListsTheFourPackagesWithVersionAndIntegrity() {
    Map<String, VendoredPackage> packages = packages();
    assertThat(packages.values()).extracting(VendoredPackage::name)
        .containsExactlyInAnyOrder("bpmn-js", "dmn-js", "@bpmn-io/form-js", "zeebe-bpmn-moddle");
    assertThat(packages.get("form-js").version()).as("Camunda 8.8 forms are form-js 1.x").startsWith("1.");
    packages.values().forEach(p -> assertThat(p.licence()).as(p.name()).isNotBlank());
  }

  @Test
  void everyListedFileIsOnTheClasspathWithItsListedSize() {
    Map<String, Long> files = files();
    assertThat(files).hasSizeGreaterThan(10);
    files.forEach((file, size) -> assertThat((long) bytes(VENDOR + file).length).as(file).isPositive().isEqualTo(size));
  }

  @Test
  void everyPackageKeepsItsLicenceAndTheBpmnIoOnesTheWatermarkClause() {
    Map<String, Long> files = files();
    packages().values().forEach(p -> {
      assertThat(files).as(p.name()).containsKey(p.folder() + "/LICENSE");
      String licence = text(VENDOR + p.folder() + "/LICENSE");
      assertThat(licence).as(p.name()).contains("Permission is hereby granted");
      if (WATERMARKED_BUNDLES.containsKey(p.folder())) {
        assertThat(licence).as(p.name()).contains("bpmn.io project watermark", "MUST NOT be");
      }
    });
  }

  @Test
  void theBundlesThePagesLoadAreListedAndCarryTheBpmnIoWatermark() {
    Map<String, Long> files = files();
    WATERMARKED_BUNDLES.forEach((folder, bundles) -> bundles.forEach(bundle -> {
      String file = folder + "/" + bundle;
      assertThat(files).containsKey(file);
      String code = text(VENDOR + file);
      List<String> markers = folder.equals("bpmn-js")
          ? List.of("https://bpmn.io", "powered-by", "bjs-powered-by")
          : List.of("https://bpmn.io", "powered-by");
      // a boolean per marker: the failure message must not print a whole bundle
      markers.forEach(marker -> assertThat(code.contains(marker)).as(file + " contains " + marker).isTrue());
    }));
    assertThat(files).containsKeys("bpmn-js/assets/bpmn-js.css", "bpmn-js/assets/diagram-js.css",
        "bpmn-js/assets/bpmn-font/css/bpmn.css", "dmn-js/assets/dmn-js-shared.css", "dmn-js/assets/dmn-font/css/dmn.css",
        "form-js/assets/form-js.css", "form-js/assets/form-js-editor.css", "zeebe-bpmn-moddle/zeebe.json");
  }

  @Test
  void onlyTheListedProductionFilesAreVendored() throws IOException {
    // the source folder, not target/classes: a file removed by a refresh stays there until a clean
    Path root = SOURCE_FOLDER;
    Set<String> onDisk = new TreeSet<>();
    long total = 0;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        onDisk.add(root.relativize(file).toString().replace('\\', '/'));
        total += Files.size(file);
      }
    }
    onDisk.remove("README.md");
    assertThat(onDisk).as("files not listed in the vendor README").isEqualTo(new TreeSet<>(files().keySet()));
    assertThat(onDisk).noneMatch(f -> f.endsWith(".map") || f.contains(".development."));
    assertThat(total).as("vendored bytes").isLessThan(10L * 1024 * 1024);
  }

  @Test
  void theZeebeDescriptorDeclaresEveryZeebeElementOurModelsUse() throws IOException {
    JsonNode descriptor = new ObjectMapper().readTree(bytes(VENDOR + "zeebe-bpmn-moddle/zeebe.json"));
    assertThat(descriptor.path("prefix").asText()).isEqualTo("zeebe");
    assertThat(descriptor.path("uri").asText()).isEqualTo("http://camunda.org/schema/zeebe/1.0");
    Set<String> types = new TreeSet<>();
    descriptor.path("types").forEach(t -> types.add(t.path("name").asText().toLowerCase()));

    Set<String> used = new TreeSet<>();
    Pattern element = Pattern.compile("<zeebe:([A-Za-z]+)");
    Resource[] models = new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn");
    assertThat(models).isNotEmpty();
    for (Resource model : models) {
      Matcher m = element.matcher(model.getContentAsString(StandardCharsets.UTF_8));
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(types).as("zeebe:" + name).contains(name.toLowerCase()));
  }

  @Test
  void theFormViewerReadsTheSchemaVersionOfEveryFormWeDeploy() throws IOException {
    Matcher supported = Pattern.compile("schemaVersion = (\\d+)").matcher(text(VENDOR + "form-js/form-viewer.umd.js"));
    assertThat(supported.find()).as("form-js declares its schemaVersion").isTrue();
    int viewerVersion = Integer.parseInt(supported.group(1));

    Resource[] forms = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form");
    assertThat(forms).isNotEmpty();
    ObjectMapper json = new ObjectMapper();
    for (Resource form : forms) {
      int formVersion = json.readTree(form.getContentAsByteArray()).path("schemaVersion").asInt(-1);
      assertThat(formVersion).as(form.getFilename()).isBetween(1, viewerVersion);
    }
  }
}
