package cn.relief.app.reports;

import cn.relief.app.geo.RegionMap;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public report page (发现报告), open without login: anyone reports a person in need with place,
 * time, description and photo. Write-only: it answers with the new report's reference and shows
 * nothing of any report. Rate-limited per client address and overall ({@link PublicReportLimit}).
 */
@Controller
@RequestMapping("/report")
class PublicReportController {
  private final ReportIntake intake;
  private final RegionMap region;
  private final PublicReportLimit limit;
  private final Clock clock = Clock.systemUTC();

  PublicReportController(ReportIntake intake, RegionMap region, PublicReportLimit limit) {
    this.intake = intake;
    this.region = region;
    this.limit = limit;
  }

  @GetMapping
  String form(Model model) {
    model.addAttribute("form", new ReportForm());
    return "report/form";
  }

  @PostMapping
  String report(@ModelAttribute("form") ReportForm form, @RequestParam(name = "photo", required = false) MultipartFile upload,
      HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect)
      throws IOException {
    Map<String, String> errors = new LinkedHashMap<>();
    ReportPhoto photo = photo(upload, errors);
    ReportForm.Checked checked = form.check(ReportSource.PUBLIC_WEB, null, photo, region, clock);
    errors.putAll(checked.errors());
    if (!errors.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("errors", errors);
      return "report/form";
    }
    // only reports that would be stored count against the limit: a person correcting a typo is not refused
    if (!limit.tryTake(request.getRemoteAddr())) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setHeader("Retry-After", "600");
      model.addAttribute("limited", true);
      return "report/form";
    }
    ReportIntake.Receipt receipt = intake.receive(checked.report());
    redirect.addFlashAttribute("reference", receipt.reference());
    redirect.addFlashAttribute("firstReference", receipt.firstReference());
    return "redirect:/report/received";
  }

  /** After the redirect: the reference this browser just got (flash attribute), nothing else. */
  @GetMapping("/received")
  String received() {
    return "report/received";
  }

  static ReportPhoto photo(MultipartFile upload, Map<String, String> errors) throws IOException {
    if (upload == null || upload.isEmpty()) {
      return null;
    }
    if (upload.getSize() > ReportPhoto.MAX_BYTES) {
      errors.put("photo", "report.error.photo.large");
      return null;
    }
    return ReportPhoto.of(upload.getBytes()).orElseGet(() -> {
      errors.put("photo", "report.error.photo.type");
      return null;
    });
  }
}
