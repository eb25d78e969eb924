package cn.relief.workers.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.relief.workers.notices.NoticeProperties;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ChinesePdfTest {
  @Test
  void aCharacterTheFontLacksBecomesAQuestionMarkNotAFailure() throws IOException {
    assumeTrue(Files.isReadable(NoticeProperties.DEFAULT_FONT) || "true".equals(System.getenv("CI")),
        "CJK font missing: apt-get install -y fonts-wqy-microhei");
    // 😀 (an emoji in a note) and 𠮷 (a name's character beyond the font's range)
    byte[] pdf = new ChinesePdf(NoticeProperties.DEFAULT_FONT, null).write("案卷", "测试", 12, pages -> {
      pages.left("备注：已联系家属😀");
      pages.paragraph("姓名：𠮷田 张三");
    });
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document)).contains("备注：已联系家属?", "张三");
    }
  }
}
