package cn.relief.engine.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Document type declarations that would read a secret file or fetch a local URL, for XML
 * documents a deployer must refuse unread: early and late in the document, in UTF-8 and UTF-16.
 * Closing it removes the file and stops the URL's listener.
 */
final class ExternalEntities implements AutoCloseable {
  /** A prolog (between the XML declaration and the root element), a name using it, the encoding. */
  record Variant(String prolog, String name, String encoding) {}

  final String secret = "relief-secret-" + UUID.randomUUID();
  private final Path secretFile;
  private final ConnectionCounter listener;

  ExternalEntities() throws IOException {
    secretFile = Files.createTempFile("relief-xxe", ".txt");
    Files.writeString(secretFile, secret);
    listener = new ConnectionCounter();
  }

  List<Variant> variants() {
    String fileEntity = "<!DOCTYPE definitions [<!ENTITY xxe SYSTEM \"" + secretFile.toUri() + "\">]>";
    String urlEntity = "<!DOCTYPE definitions [<!ENTITY % remote SYSTEM \"" + listener.url() + "\"> %remote;]>";
    String hugeComment = "<!--" + "x".repeat(70 * 1024) + "-->";
    return List.of(new Variant(fileEntity, "&xxe;", "UTF-8"), new Variant(urlEntity, "remote", "UTF-8"),
        new Variant(hugeComment + fileEntity, "&xxe;", "UTF-8"), new Variant(hugeComment + urlEntity, "remote", "UTF-8"),
        new Variant(fileEntity, "&xxe;", "UTF-16"), new Variant(urlEntity, "remote", "UTF-16"),
        new Variant(fileEntity, "&xxe;", "UTF-16LE"));
  }

  /** Connections made to the external entity's URL so far. */
  int connections() {
    return listener.connections();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    Files.deleteIfExists(secretFile);
  }
}
