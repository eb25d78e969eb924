package cn.relief.workers.notices;

import cn.relief.workers.documents.ChinesePdf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Lays a notice out on A4 pages with an embedded (subset) Chinese font. */
@Component
public class NoticePdfRenderer {

  private static final float TITLE_SIZE = 20;
  private static final float TEXT_SIZE = 12;
  private static final float LEADING = 1.8f * TEXT_SIZE;

  private final NoticeProperties properties;
  private final ChinesePdf pdf;

  public NoticePdfRenderer(NoticeProperties properties) {
    this.properties = properties;
    this.pdf = new ChinesePdf(properties.fontPath(), properties.fontName());
  }

  public byte[] render(Notice notice) {
    try {
      return pdf.write(notice.kind().title(), notice.caseNumber(), TEXT_SIZE, pages -> {
        pages.centred(notice.kind().title(), TITLE_SIZE);
        pages.skip(1.4f * TITLE_SIZE);
        for (String paragraph : paragraphs(notice)) {
          pages.paragraph(paragraph);
        }
        pages.skip(2 * LEADING);
        pages.right(properties.issuer() + "（盖章）");
        pages.right(chineseDate(notice));
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Could not render " + notice.kind() + " notice for case "
          + notice.caseNumber() + " with font " + properties.fontPath(), e);
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
}
