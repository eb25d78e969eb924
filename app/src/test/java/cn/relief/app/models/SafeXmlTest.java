package cn.relief.app.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The app's own XML parsing (the Models page's comparison and migration read BPMN through it):
 * a document type declaration is refused before any entity is resolved, so no file is read and
 * no host is reached, whether the entity is general, a parameter entity or in a late DOCTYPE.
 */
class SafeXmlTest {

  @Test
  void refusesDoctypesWithoutReadingFilesOrUrls() throws Exception {
    String secret = "relief-secret-" + UUID.randomUUID();
    Path secretFile = Files.createTempFile("relief-xxe", ".txt");
    Files.writeString(secretFile, secret);
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!listener.isClosed()) {
          try (Socket ignored = listener.accept()) {
            connections.incrementAndGet();
          } catch (Exception e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "http://127.0.0.1:" + listener.getLocalPort() + "/entity.dtd";
      String model = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\">"
          + "<bpmn:process id=\"p\" name=\"NAME\" isExecutable=\"true\"/></bpmn:definitions>";
      List<String> documents = List.of(
          "<!DOCTYPE d [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>" + model.replace("NAME", "&xxe;"),
          "<!DOCTYPE d [<!ENTITY % remote SYSTEM \"" + url + "\"> %remote;]>" + model,
          "<!DOCTYPE d SYSTEM \"" + url + "\">" + model,
          "<?xml version=\"1.0\"?><!--" + "x".repeat(70_000) + "--><!DOCTYPE d [<!ENTITY xxe SYSTEM \""
              + secretFile.toUri() + "\">]>" + model.replace("NAME", "&xxe;"),
          // a billion laughs: refused for its DOCTYPE before any expansion
          "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
              + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>" + model.replace("NAME", "&c;"));
      for (String document : documents) {
        assertThatThrownBy(() -> SafeXml.parse(document)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("DOCTYPE").hasMessageNotContaining(secret);
        assertThatThrownBy(() -> ProcessDiff.between(document, model.replace("NAME", "x")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(secret);
      }
      assertThat(SafeXml.parse(model.replace("NAME", "ok")).getDocumentElement().getLocalName())
          .isEqualTo("definitions");
    } finally {
      Files.deleteIfExists(secretFile);
    }
    assertThat(connections).as("connections to the external entity's URL").hasValue(0);
  }
}
