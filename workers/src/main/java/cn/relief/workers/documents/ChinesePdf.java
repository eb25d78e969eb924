package cn.relief.workers.documents;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Writes A4 documents in Chinese with an embedded (subset) CJK font, line by line, starting a new
 * page when one is full: the notices of the workers and the case files the app exports share it.
 * The font is a TrueType/OpenType file or collection ({@code relief.notices.font-path}; by default
 * the Debian package {@code fonts-wqy-microhei}).
 */
public final class ChinesePdf {
  private static final float MARGIN = 72;

  private final Path fontPath;
  private final String fontName;

  /** @param fontName which font of a collection to use; the first one if it holds none of that name */
  public ChinesePdf(Path fontPath, String fontName) {
    this.fontPath = fontPath;
    this.fontName = fontName;
  }

  /** What goes on the pages. */
  @FunctionalInterface
  public interface Body {
    void write(Pages pages) throws IOException;
  }

  /**
   * A document whose lines are {@code textSize} points unless said otherwise. Throws
   * {@link IllegalStateException} naming the package to install when the font is missing.
   */
  public byte[] write(String title, String subject, float textSize, Body body) throws IOException {
    File fontFile = fontPath.toFile();
    if (!Files.isReadable(fontPath)) {
      throw new IllegalStateException("No Chinese font at " + fontPath
          + " (relief.notices.font-path): install the Debian package fonts-wqy-microhei or point"
          + " relief.notices.font-path at a TrueType/OpenType font with CJK glyphs");
    }
    try (PDDocument document = new PDDocument()) {
      document.getDocumentInformation().setTitle(title);
      document.getDocumentInformation().setSubject(subject);
      String name = fontFile.getName().toLowerCase();
      if (name.endsWith(".ttc") || name.endsWith(".otc")) {
        // the collection must stay open until the document is saved: the subset is taken then
        try (TrueTypeCollection collection = new TrueTypeCollection(fontFile)) {
          return write(document, PDType0Font.load(document, pick(collection), true), textSize, body);
        }
      }
      return write(document, PDType0Font.load(document, fontFile), textSize, body);
    }
  }

  private TrueTypeFont pick(TrueTypeCollection collection) throws IOException {
    TrueTypeFont named = collection.getFontByName(fontName);
    if (named != null) {
      return named;
    }
    AtomicReference<TrueTypeFont> first = new AtomicReference<>();
    collection.processAllFonts(font -> first.compareAndSet(null, font));
    if (first.get() == null) {
      throw new IOException("Font collection " + fontPath + " holds no font");
    }
    return first.get();
  }

  private static byte[] write(PDDocument document, PDType0Font font, float textSize, Body body) throws IOException {
    try (Pages pages = new Pages(document, font, textSize)) {
      body.write(pages);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    document.save(out);
    return out.toByteArray();
  }

  /** Writes line after line, starting a new A4 page when one is full. */
  public static final class Pages implements AutoCloseable {
    private final PDDocument document;
    private final PDType0Font font;
    private final float textSize;
    private final float leading;
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private PDPageContentStream content;
    private float y;

    private Pages(PDDocument document, PDType0Font font, float textSize) throws IOException {
      this.document = document;
      this.font = font;
      this.textSize = textSize;
      this.leading = 1.8f * textSize;
      newPage();
    }

    /** The width between the margins, in points. */
    public float width() {
      return width;
    }

    public void centred(String text, float size) throws IOException {
      line(text, size, MARGIN + (width - textWidth(text, size)) / 2);
    }

    public void left(String text) throws IOException {
      line(text, textSize, MARGIN);
    }

    public void right(String text) throws IOException {
      line(text, textSize, MARGIN + width - textWidth(text, textSize));
    }

    /** A paragraph wrapped within the margins. */
    public void paragraph(String text) throws IOException {
      for (String line : wrap(text)) {
        left(line);
      }
    }

    public void skip(float height) {
      y -= height;
    }

    private float textWidth(String text, float size) throws IOException {
      return font.getStringWidth(drawable(text)) / 1000 * size;
    }

    /**
     * The text with each character the font cannot draw (an emoji, a rare character of a name
     * beyond the font) as {@code ?}: one such character must not stop a notice or a case file.
     */
    private String drawable(String text) {
      StringBuilder out = new StringBuilder(text.length());
      text.codePoints().forEach(codePoint -> {
        String character = new String(Character.toChars(codePoint));
        Boolean known = drawable.get(codePoint);
        if (known == null) {
          try {
            font.encode(character);
            known = true;
          } catch (IllegalArgumentException | IOException e) {
            known = false;
          }
          drawable.put(codePoint, known);
        }
        out.append(known ? character : "?");
      });
      return out.toString();
    }

    private final java.util.Map<Integer, Boolean> drawable = new java.util.HashMap<>();

    private void line(String text, float size, float x) throws IOException {
      text = drawable(text);
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
      y -= Math.max(leading, 1.1f * size);
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

    /** Chinese text breaks between any two characters: wrap by measured width, code point by code point. */
    private List<String> wrap(String text) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      float lineWidth = 0;
      for (int i = 0; i < text.length(); ) {
        int codePoint = text.codePointAt(i);
        String character = new String(Character.toChars(codePoint));
        float characterWidth = textWidth(character, textSize);
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

    @Override
    public void close() throws IOException {
      content.close();
    }
  }
}
