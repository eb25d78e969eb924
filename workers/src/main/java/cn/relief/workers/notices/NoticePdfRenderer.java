package cn.relief.workers.notices;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

/** Lays a notice out on one A4 page with an embedded (subset) Chinese font. */
@Component
public class NoticePdfRenderer {

  private static final float MARGIN = 72;
  private static final float TITLE_SIZE = 20;
  private static final float TEXT_SIZE = 12;
  private static final float LEADING = 1.8f * TEXT_SIZE;

  private final NoticeProperties properties;

  public NoticePdfRenderer(NoticeProperties properties) {
    this.properties = properties;
  }

  public byte[] render(Notice notice) {
    File fontFile = properties.fontPath().toFile();
    if (!Files.isReadable(properties.fontPath())) {
      throw new IllegalStateException("No Chinese font at " + properties.fontPath()
          + " (relief.notices.font-path): install the Debian package fonts-wqy-microhei or point"
          + " relief.notices.font-path at a TrueType/OpenType font with CJK glyphs");
    }
    try (PDDocument document = new PDDocument()) {
      String name = fontFile.getName().toLowerCase();
      if (name.endsWith(".ttc") || name.endsWith(".otc")) {
        // the collection must stay open until the document is saved: the subset is taken then
        try (TrueTypeCollection collection = new TrueTypeCollection(fontFile)) {
          PDType0Font font = PDType0Font.load(document, pick(collection), true);
          return write(document, font, notice);
        }
      }
      return write(document, PDType0Font.load(document, fontFile), notice);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not render " + notice.kind() + " notice for case "
          + notice.caseNumber() + " with font " + fontFile, e);
    }
  }

  private TrueTypeFont pick(TrueTypeCollection collection) throws IOException {
    TrueTypeFont named = collection.getFontByName(properties.fontName());
    if (named != null) {
      return named;
    }
    AtomicReference<TrueTypeFont> first = new AtomicReference<>();
    collection.processAllFonts(font -> first.compareAndSet(null, font));
    if (first.get() == null) {
      throw new IOException("Font collection " + properties.fontPath() + " holds no font");
    }
    return first.get();
  }

  private byte[] write(PDDocument document, PDType0Font font, Notice notice) throws IOException {
    document.getDocumentInformation().setTitle(notice.kind().title());
    document.getDocumentInformation().setSubject(notice.caseNumber());
    try (Pages pages = new Pages(document, font)) {
      pages.centred(notice.kind().title(), TITLE_SIZE);
      pages.skip(1.4f * TITLE_SIZE);
      for (String paragraph : paragraphs(notice)) {
        for (String line : wrap(font, paragraph, pages.width)) {
          pages.left(line);
        }
      }
      pages.skip(2 * LEADING);
      pages.right(properties.issuer() + "（盖章）");
      pages.right(chineseDate(notice));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    document.save(out);
    return out.toByteArray();
  }

  /** Writes line after line, starting a new A4 page when one is full (a long note). */
  private static final class Pages implements AutoCloseable {
    private final PDDocument document;
    private final PDType0Font font;
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private PDPageContentStream content;
    private float y;

    Pages(PDDocument document, PDType0Font font) throws IOException {
      this.document = document;
      this.font = font;
      newPage();
    }

    void centred(String text, float size) throws IOException {
      line(text, size, MARGIN + (width - textWidth(text, size)) / 2);
    }

    void left(String text) throws IOException {
      line(text, TEXT_SIZE, MARGIN);
    }

    void right(String text) throws IOException {
      line(text, TEXT_SIZE, MARGIN + width - textWidth(text, TEXT_SIZE));
    }

    void skip(float height) {
      y -= height;
    }

    private float textWidth(String text, float size) throws IOException {
      return font.getStringWidth(text) / 1000 * size;
    }

    private void line(String text, float size, float x) throws IOException {
      if (y < MARGIN) {
        newPage();
      }
      if (!text.isEmpty()) {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
      }
      y -= Math.max(LEADING, 1.1f * size);
    }

    private void newPage() throws IOException {
      if (content != null) {
        content.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      content = new PDPageContentStream(document, page);
      y = page.getMediaBox().getHeight() - MARGIN;
    }

    @Override
    public void close() throws IOException {
      content.close();
    }
  }

  private static List<String> paragraphs(Notice notice) {
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add("案件编号：" + orDash(notice.caseNumber()));
    paragraphs.add("姓名：" + orDash(notice.fullName()));
    paragraphs.add("");
    paragraphs.add(notice.kind().body());
    if (notice.reason() != null && !notice.reason().isBlank()) {
      paragraphs.add("理由：" + notice.reason());
    }
    if (notice.note() != null && !notice.note().isBlank()) {
      paragraphs.add("说明：" + notice.note());
    }
    return paragraphs;
  }

  private static String chineseDate(Notice notice) {
    return "%d年%d月%d日".formatted(notice.date().getYear(), notice.date().getMonthValue(),
        notice.date().getDayOfMonth());
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }

  /** Chinese text breaks between any two characters: wrap by measured width, code point by code point. */
  private static List<String> wrap(PDType0Font font, String text, float width) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    float lineWidth = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      String character = new String(Character.toChars(codePoint));
      float characterWidth = font.getStringWidth(character) / 1000 * TEXT_SIZE;
      if (lineWidth + characterWidth > width && line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
        lineWidth = 0;
      }
      line.append(character);
      lineWidth += characterWidth;
      i += Character.charCount(codePoint);
    }
    lines.add(line.toString());
    return lines;
  }
}
