package cn.relief.workers.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.relief.workers.notices.Notice;
import cn.relief.workers.notices.NoticeKind;
import cn.relief.workers.notices.NoticePdfRenderer;
import cn.relief.workers.notices.NoticeProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The documents of the linkage processes, rendered as the notice worker renders them. */
class LinkageNoticesPdfTest {

  private final NoticePdfRenderer renderer = new NoticePdfRenderer(new NoticeProperties(null, null, "某市救助管理站"));

  @BeforeEach
  void fontIsInstalled() {
    assumeTrue(Files.isReadable(NoticeProperties.DEFAULT_FONT) || "true".equals(System.getenv("CI")),
        "CJK font missing: apt-get install -y fonts-wqy-microhei");
  }

  @Test
  void thePublicNoticeOfExtremelyPoorSupportNamesThePersonAndHowToObject() throws IOException {
    String text = text(renderer.render(new Notice(NoticeKind.POOR_SUPPORT_PUBLIC_NOTICE, "JZ-SC-00000301", "测试人",
        "年老无劳动能力，无收入，无法定赡养人", "公示期P7D", LocalDate.of(2026, 12, 1))));
    assertThat(text).contains("特困人员认定公示", "测试人", "拟认定为特困供养人员", "有异议", "年老无劳动能力");
  }

  @Test
  void theProtectionOrderApplicationCitesTheLawAndKeepsTheShelterSecret() throws IOException {
    String text = text(renderer.render(new Notice(NoticeKind.PROTECTION_ORDER_APPLICATION, "JZ-GX-00000201", "赵某",
        "长期遭丈夫殴打", "被申请人：王某。情况紧急，请求在24小时内作出裁定（第28条）", LocalDate.of(2026, 12, 1))));
    assertThat(text.replaceAll("\\s", "")).contains("人身安全保护令申请书", "第二十三条", "赵某", "被申请人：王某",
        "临时庇护场所依法保密");
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }
}
