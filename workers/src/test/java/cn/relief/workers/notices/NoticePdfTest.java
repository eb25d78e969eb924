package cn.relief.workers.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.relief.workers.documents.DocumentsProperties;
import cn.relief.workers.documents.FileSystemDocumentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoticePdfTest {

  private final NoticeProperties properties = new NoticeProperties(null, null, "某市救助管理站");

  @BeforeEach
  void fontIsInstalled() {
    // The font comes from the Debian package fonts-wqy-microhei. A developer machine without it skips
    // these tests; CI must have it (.ci/run installs it), so there they run and fail if it is missing.
    assumeTrue(Files.isReadable(NoticeProperties.DEFAULT_FONT) || "true".equals(System.getenv("CI")),
        "CJK font missing: apt-get install -y fonts-wqy-microhei");
  }

  @Test
  void aRefusalNoticeIsAPdfWithItsChineseText() throws IOException {
    byte[] pdf = new NoticePdfRenderer(properties).render(new Notice(NoticeKind.REFUSAL, "JZ-GD-00000001",
        "张三", "有固定住所和生活来源，不属于生活无着人员", "已告知可向民政部门申请临时救助", LocalDate.of(2026, 11, 30)));

    String text = text(pdf);
    assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
    assertThat(text).contains("不予救助通知书", "JZ-GD-00000001", "张三", "本站决定不予救助",
        "有固定住所和生活来源", "某市救助管理站（盖章）", "2026年11月30日");
  }

  @Test
  void aTerminationNoticeSaysWhy() throws IOException {
    byte[] pdf = new NoticePdfRenderer(properties).render(new Notice(NoticeKind.TERMINATION, "JZ-GD-00000002",
        "李四", null, "救助期限届满，经多次劝导仍不愿离站", LocalDate.of(2026, 12, 1)));

    assertThat(text(pdf)).contains("终止救助通知书", "无正当理由不愿离开救助管理站", "经多次劝导仍不愿离站");
  }

  @Test
  void aLongTextIsWrappedWithinThePage() throws IOException {
    String note = "受助人员在站期间情绪稳定，".repeat(20);
    byte[] pdf = new NoticePdfRenderer(properties).render(new Notice(NoticeKind.VOLUNTARY_LEAVE, "JZ-1",
        "王五", null, note, LocalDate.of(2026, 12, 1)));

    // wrapped lines: the stripper gives them back with line breaks, the text itself is all there
    assertThat(text(pdf).replaceAll("\\s", "")).contains(note);
  }

  @Test
  void aVeryLongNoteContinuesOnANewPage() throws IOException {
    String note = "受助人员自述其家庭情况及流浪经过，".repeat(150);
    byte[] pdf = new NoticePdfRenderer(properties).render(new Notice(NoticeKind.TERMINATION, "JZ-9",
        "王五", null, note, LocalDate.of(2026, 12, 1)));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isGreaterThan(1);
    }
    assertThat(text(pdf).replaceAll("\\s", "")).contains(note, "2026年12月1日");
  }

  @Test
  void theSameJobIssuesOneDocument(@TempDir Path folder) throws IOException {
    var store = new FileSystemDocumentStore(new DocumentsProperties(folder));
    var service = new NoticeService(new NoticePdfRenderer(properties), store);
    var notice = new Notice(NoticeKind.ABSCONDING, "JZ-GD-00000003", "赵六", null, null, LocalDate.of(2026, 12, 1));

    String id = service.issue("ServiceTask_departureNotice/2251799813685300", notice);
    long written = Files.getLastModifiedTime(folder.resolve(id)).toMillis();
    String again = service.issue("ServiceTask_departureNotice/2251799813685300", notice);

    assertThat(again).isEqualTo(id).startsWith("JZ-GD-00000003/");
    assertThat(Files.getLastModifiedTime(folder.resolve(id)).toMillis()).isEqualTo(written);
    assertThat(text(store.read(id).orElseThrow())).contains("擅自离站记录");
    try (var files = Files.walk(folder)) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
    }
  }

  @Test
  void aMissingFontFailsWithWhatToInstall(@TempDir Path folder) {
    var renderer = new NoticePdfRenderer(new NoticeProperties(folder.resolve("none.ttc"), null, null));

    assertThatThrownBy(() -> renderer.render(new Notice(NoticeKind.REFUSAL, "JZ-1", null, null, null,
        LocalDate.of(2026, 12, 1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fonts-wqy-microhei")
        .hasMessageContaining("relief.notices.font-path");
  }

  @Test
  void anUnknownKindIsNamed() {
    assertThatThrownBy(() -> NoticeKind.of("RETURN_HOME"))
        .hasMessageContaining("RETURN_HOME").hasMessageContaining("REFUSAL");
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }
}
