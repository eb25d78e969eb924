package cn.relief.app.dispatch;

import cn.relief.app.reports.ReportStore;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A report's photo as an answer: never cached, never sniffed as anything but the image it is. */
final class ReportPhotos {
  private ReportPhotos() {}

  static ResponseEntity<byte[]> answer(ReportStore reports, OpenReport report) {
    return answer(reports, report.id());
  }

  static ResponseEntity<byte[]> answer(ReportStore reports, long reportId) {
    return reports.photo(reportId)
        .map(photo -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
            .header("X-Content-Type-Options", "nosniff").contentType(MediaType.parseMediaType(photo.mediaType()))
            .body(photo.content()))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }
}
