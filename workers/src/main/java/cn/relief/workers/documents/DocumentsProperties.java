package cn.relief.workers.documents;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code relief.documents.folder}: the folder of the file-system document store. */
@ConfigurationProperties("relief.documents")
public record DocumentsProperties(Path folder) {

  public DocumentsProperties {
    folder = folder == null ? Path.of("data", "documents") : folder;
  }
}
