package cn.relief.workers.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The minutes of a joint handling (协同会办纪要), as joint-handling's ServiceTask_minutes asks for them. */
class JointMinutesPdfTest {

  @Test
  void theMinutesCarryTheDecisionAndEveryAgencysOpinionInChinese() throws IOException {
    assumeTrue(Files.isReadable(NoticeProperties.DEFAULT_FONT) || "true".equals(System.getenv("CI")),
        "CJK font missing: apt-get install -y fonts-wqy-microhei");
    NoticeKind kind = NoticeKind.of("JOINT_MINUTES");
    byte[] pdf = new NoticePdfRenderer(new NoticeProperties(null, null, "某救助管理区域性中心")).render(
        new Notice(kind, "JZ-GX-00000011", "小明", "由区域性中心临时监护，先行医疗救治，出院后临时就学",
            "各部门意见：公安：继续寻亲，措施：采集DNA比对；卫健：先行医疗救治，措施：安排定点医院收治。决定类别：TEMPORARY_GUARDIANSHIP",
            LocalDate.of(2026, 12, 1)));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getDocumentInformation().getTitle()).isEqualTo("协同会办纪要");
      // the text is wrapped at the page edge: compare without line breaks
      String text = new PDFTextStripper().getText(document).replaceAll("\\R", "");
      assertThat(text).contains("协同会办纪要", "JZ-GX-00000011", "小明", "民函〔2024〕15号",
          "由区域性中心临时监护", "公安：继续寻亲", "卫健：先行医疗救治", "某救助管理区域性中心（盖章）", "2026年12月1日");
    }
  }
}
