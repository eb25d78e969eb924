package cn.relief.workers.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Document ids are paths in the store: whatever id a request or a case variable names, nothing
 * outside the store's folder is read, and whatever names a worker is given, nothing is written
 * outside it.
 */
class FileSystemDocumentStoreTest {
  @TempDir Path root;

  @Test
  void readsNothingOutsideItsFolderWhateverTheId() throws Exception {
    Path folder = Files.createDirectories(root.resolve("store"));
    Path secret = Files.writeString(root.resolve("secret.txt"), "outside");
    FileSystemDocumentStore store = new FileSystemDocumentStore(new DocumentsProperties(folder));
    String inside = store.store("job-1", "R-1", "notice.pdf", "inside".getBytes(StandardCharsets.UTF_8));
    assertThat(store.read(inside)).hasValueSatisfying(bytes -> assertThat(new String(bytes)).isEqualTo("inside"));

    for (String id : List.of("../secret.txt", "R-1/../../secret.txt", secret.toString(), "..\\secret.txt",
        "R-1/%2e%2e/%2e%2e/secret.txt", "secret.txt\0.pdf", "/etc/passwd", "../../../../../../etc/passwd")) {
      Throwable refused = catchThrowable(() -> assertThat(store.read(id)).as(id).isEqualTo(Optional.empty()));
      if (refused != null) {
        assertThat(refused).as(id).isInstanceOf(IllegalArgumentException.class); // incl. InvalidPathException
      }
    }
  }

  @Test
  void writesNothingOutsideItsFolderWhateverTheNames() throws Exception {
    Path folder = Files.createDirectories(root.resolve("store"));
    FileSystemDocumentStore store = new FileSystemDocumentStore(new DocumentsProperties(folder));
    String id = store.store("../../job", "../../etc", "../passwd", new byte[] {1});
    assertThat(folder.resolve(id).normalize()).startsWith(folder).exists();
    try (var files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile).toList()).allMatch(file -> file.startsWith(folder));
    }
  }
}
