package cn.relief.processes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** The resources of the model and form modules as the tests see them: on the class path, by folder. */
final class Models {
  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";
  static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";

  private Models() {}

  /** Every resource under the class-path folder whose name ends with the suffix, by file name. */
  static Map<String, byte[]> resources(String folder, String suffix) {
    Map<String, byte[]> found = new TreeMap<>();
    try {
      Enumeration<URL> roots = Models.class.getClassLoader().getResources(folder);
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        if ("file".equals(root.getProtocol())) {
          try (Stream<Path> files = Files.list(Paths.get(root.toURI()))) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
              found.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
          }
        } else if ("jar".equals(root.getProtocol())) {
          String jar = root.getPath().substring("file:".length(), root.getPath().indexOf("!/"));
          try (JarFile file = new JarFile(Paths.get(new URL("file:" + jar).toURI()).toFile())) {
            for (JarEntry entry : file.stream().toList()) {
              String name = entry.getName();
              if (name.startsWith(folder + "/") && name.endsWith(suffix) && name.indexOf('/', folder.length() + 1) < 0) {
                try (InputStream in = file.getInputStream(entry)) {
                  found.put(name.substring(folder.length() + 1), in.readAllBytes());
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  static Map<String, byte[]> bpmn() {
    return resources("processes", ".bpmn");
  }

  static Map<String, byte[]> dmn() {
    return resources("processes", ".dmn");
  }

  static Map<String, byte[]> forms() {
    return resources("forms", ".form");
  }

  /** A namespace-aware DOM without DTDs or external entities. */
  static Document dom(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new IllegalStateException("expected well-formed XML: " + e.getMessage(), e);
    }
  }
}
