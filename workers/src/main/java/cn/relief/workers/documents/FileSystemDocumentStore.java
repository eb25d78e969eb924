package cn.relief.workers.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Documents as files {@code <folder>/<caseNumber>/<key>-<fileName>}; the document id is that
 * relative path. A file is written under a temporary name and moved into place, so a reader never
 * sees half a document and a crash leaves no partial one under the final name.
 */
@Component
public class FileSystemDocumentStore implements DocumentStore {

  private final Path folder;

  public FileSystemDocumentStore(DocumentsProperties properties) {
    this.folder = properties.folder().toAbsolutePath().normalize();
  }

  @Override
  public String store(String idempotencyKey, String caseNumber, String fileName, byte[] content) {
    String id = documentId(idempotencyKey, caseNumber, fileName);
    Path target = resolve(id);
    if (Files.exists(target)) {
      return id;
    }
    try {
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), ".writing-", ".tmp");
      Files.write(temporary, content);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target);
      } catch (FileAlreadyExistsException e) {
        Files.deleteIfExists(temporary); // a concurrent delivery of the same job was first
      }
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not store document " + id + " under " + folder, e);
    }
  }

  @Override
  public Optional<String> find(String idempotencyKey, String caseNumber, String fileName) {
    String id = documentId(idempotencyKey, caseNumber, fileName);
    return Files.exists(resolve(id)) ? Optional.of(id) : Optional.empty();
  }

  @Override
  public Optional<byte[]> read(String documentId) {
    Path file = resolve(documentId);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read document " + documentId, e);
    }
  }

  static String documentId(String idempotencyKey, String caseNumber, String fileName) {
    String caseFolder = caseNumber == null || caseNumber.isBlank() ? "no-case" : safe(caseNumber);
    return caseFolder + "/" + safe(idempotencyKey) + "-" + safe(fileName);
  }

  private Path resolve(String documentId) {
    Path file = folder.resolve(documentId).normalize();
    if (!file.startsWith(folder)) {
      throw new IllegalArgumentException("Document id " + documentId + " points outside " + folder);
    }
    return file;
  }

  /** Keeps letters (Chinese too), digits, '.', '-' and '_': ids stay one path segment each. */
  private static String safe(String part) {
    return part.replaceAll("[^\\p{L}\\p{N}._-]", "_").replaceAll("^\\.+", "_");
  }
}
