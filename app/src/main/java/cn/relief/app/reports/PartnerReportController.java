package cn.relief.app.reports;

import cn.relief.app.geo.RegionMap;
import cn.relief.app.security.EngineUser;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The partner API (110, 12345 hotlines): {@code POST /api/partner/reports} with HTTP basic
 * authentication as a user of role {@code partner-hotline} ({@code PartnerApiSecurity}).
 * Write-only like the public page: 201 with the report's reference (and the first report's, if it
 * was linked to one), or 400 naming each field's problem in the caller's language.
 */
@RestController
@RequestMapping("/api/partner")
class PartnerReportController {
  private final ReportIntake intake;
  private final RegionMap region;
  private final MessageSource messages;
  private final Clock clock = Clock.systemUTC();

  PartnerReportController(ReportIntake intake, RegionMap region, MessageSource messages) {
    this.intake = intake;
    this.region = region;
    this.messages = messages;
  }

  @PostMapping(path = "/reports", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> report(@RequestBody PartnerReport body, @AuthenticationPrincipal EngineUser caller,
      HttpServletRequest request) {
    // machines call this: their Accept-Language decides (the pages' session locale does not exist here)
    Locale locale = request.getHeader("Accept-Language") == null ? Locale.SIMPLIFIED_CHINESE : request.getLocale();
    Map<String, String> errors = new LinkedHashMap<>();
    ReportSource source = source(body.getSource(), errors);
    ReportPhoto photo = photo(body.getPhotoBase64(), errors);
    ReportForm.Checked checked = body.check(source, caller.username(), photo, region, clock);
    errors.putAll(checked.errors());
    if (!errors.isEmpty()) {
      Map<String, String> explained = new LinkedHashMap<>();
      errors.forEach((field, key) -> explained.put(field, messages.getMessage(key, null, key, locale)));
      return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("title", "INVALID_REPORT", "errors", explained));
    }
    ReportIntake.Receipt receipt = intake.receive(checked.report());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("reference", receipt.reference());
    answer.put("linkedTo", receipt.firstReference());
    answer.put("area", receipt.areaName());
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }

  private static ReportSource source(String value, Map<String, String> errors) {
    try {
      ReportSource source = ReportSource.valueOf(String.valueOf(value).strip().toUpperCase(Locale.ROOT));
      if (source != ReportSource.PUBLIC_WEB) {
        return source;
      }
    } catch (IllegalArgumentException e) {
      // named below
    }
    errors.put("source", "report.error.source");
    return null;
  }

  private static ReportPhoto photo(String base64, Map<String, String> errors) {
    if (base64 == null || base64.isBlank()) {
      return null;
    }
    // base64 is 4/3 of the bytes: refuse before decoding a huge string
    if (base64.length() > ReportPhoto.MAX_BYTES / 3 * 4 + 4) {
      errors.put("photo", "report.error.photo.large");
      return null;
    }
    try {
      return ReportPhoto.of(Base64.getMimeDecoder().decode(base64)).orElseGet(() -> {
        errors.put("photo", "report.error.photo.type");
        return null;
      });
    } catch (IllegalArgumentException e) {
      errors.put("photo", "report.error.photo.type");
      return null;
    }
  }
}
