package cn.relief.app.reports;

import java.util.Optional;

/**
 * A photo attached to a report, accepted only as JPEG or PNG recognised by its first bytes (what a
 * phone's camera gives), whatever the upload claims: the dispatch board shows it to staff, and a
 * file that is not an image has no business there.
 */
public record ReportPhoto(byte[] content, String mediaType) {
  public static final int MAX_BYTES = 5 * 1024 * 1024;

  /** The photo, or empty when the bytes are neither JPEG nor PNG. */
  public static Optional<ReportPhoto> of(byte[] content) {
    if (content == null || content.length < 8) {
      return Optional.empty();
    }
    if ((content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xD8 && (content[2] & 0xFF) == 0xFF) {
      return Optional.of(new ReportPhoto(content, "image/jpeg"));
    }
    if ((content[0] & 0xFF) == 0x89 && content[1] == 'P' && content[2] == 'N' && content[3] == 'G'
        && content[4] == '\r' && content[5] == '\n' && content[6] == 0x1A && content[7] == '\n') {
      return Optional.of(new ReportPhoto(content, "image/png"));
    }
    return Optional.empty();
  }
}
