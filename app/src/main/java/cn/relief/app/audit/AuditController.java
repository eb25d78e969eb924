package cn.relief.app.audit;

import cn.relief.app.web.Times;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.UserEngineClients;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The auditors' pages (read-only): find any case, its history (diagram, timeline, variable
 * history, who-did-what, the chain's verification) and its export as CSV and PDF. Everything is
 * read as the logged-in user; {@code /audit/**} is for auditors and administrators
 * ({@code SecurityConfiguration}).
 */
@Controller
@RequestMapping("/audit")
class AuditController {
  private static final List<String> STATES = List.of("ACTIVE", "COMPLETED", "TERMINATED");

  private final AuditCases cases;
  private final UserEngineClients clients;
  private final CaseFilePdf pdf;
  private final MessageSource messages;
  private final ObjectMapper json;

  AuditController(AuditCases cases, UserEngineClients clients, CaseFilePdf pdf, MessageSource messages,
      ObjectMapper json) {
    this.cases = cases;
    this.clients = clients;
    this.pdf = pdf;
    this.messages = messages;
    this.json = json;
  }

  @GetMapping
  String search(@AuthenticationPrincipal EngineUser user, HttpSession session, Locale locale, Model model,
      @RequestParam(required = false) String caseNumber, @RequestParam(required = false) String name,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String state) {
    List<String> errors = new ArrayList<>();
    CaseQuery query = new CaseQuery(blankToNull(caseNumber), blankToNull(name), date(from, errors, locale),
        date(to, errors, locale), state(state, errors, locale));
    // what was typed stays in the form, also when it is refused
    model.addAttribute("caseNumber", caseNumber).addAttribute("name", name).addAttribute("from", from)
        .addAttribute("to", to).addAttribute("state", state).addAttribute("states", STATES)
        .addAttribute("errors", errors).addAttribute("limit", AuditCases.LIST_LIMIT);
    if (errors.isEmpty()) {
      CamundaClient client = clients.require(session);
      model.addAttribute("cases", cases.find(user, client, query));
      model.addAttribute("related", query.caseNumber() == null ? List.of()
          : cases.relatedTo(user, client, query.caseNumber()));
    } else {
      model.addAttribute("cases", List.of()).addAttribute("related", List.of());
    }
    return "audit/search";
  }

  @GetMapping("/cases/{key}")
  String caseFile(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable long key, Model model)
      throws JsonProcessingException {
    CaseFile file = cases.caseFile(user, clients.require(session), key);
    model.addAttribute("file", file);
    model.addAttribute("markers", json.writeValueAsString(file.markers()));
    return "audit/case";
  }

  @GetMapping(path = "/cases/{key}/diagram", produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> diagram(@AuthenticationPrincipal EngineUser user, HttpSession session,
      @PathVariable long key) {
    return ResponseEntity.ok().contentType(new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8))
        .body(cases.diagram(user, clients.require(session), key));
  }

  @GetMapping("/cases/{key}/export.csv")
  ResponseEntity<byte[]> csv(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable long key,
      Locale locale) {
    CaseFile file = cases.caseFile(user, clients.require(session), key);
    return download(CaseFileCsv.write(file, labels(locale)), new MediaType("text", "csv", StandardCharsets.UTF_8),
        fileName(file, "csv"));
  }

  @GetMapping("/cases/{key}/export.pdf")
  ResponseEntity<byte[]> pdf(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable long key,
      Locale locale) {
    CaseFile file = cases.caseFile(user, clients.require(session), key);
    String generated = messages.getMessage("audit.pdf.generated",
        new Object[] {Times.format(OffsetDateTime.now()), user.displayName() + " (" + user.username() + ")"}, locale);
    return download(pdf.write(file, labels(locale), verification(file, locale), generated), MediaType.APPLICATION_PDF,
        fileName(file, "pdf"));
  }

  /** The verification's result in a sentence, or why there is none. */
  private String verification(CaseFile file, Locale locale) {
    TrailAnswer<ChainVerification> answer = file.verification();
    if (!answer.available()) {
      return messages.getMessage(answer.messageKey(), null, locale);
    }
    ChainVerification result = answer.value();
    return result.valid()
        ? messages.getMessage("audit.verification.valid",
            new Object[] {result.entriesChecked(), result.anchorsChecked()}, locale)
        : messages.getMessage("audit.verification.broken",
            new Object[] {result.firstBrokenSequence(), result.problem()}, locale);
  }

  private Function<String, String> labels(Locale locale) {
    return code -> messages.getMessage(code, null, code, locale);
  }

  private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
    return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString()).body(body);
  }

  private static String fileName(CaseFile file, String extension) {
    String caseNumber = file.instance().caseNumber();
    String name = caseNumber == null ? String.valueOf(file.instance().processInstanceKey()) : caseNumber;
    return "case-" + name.replaceAll("[^A-Za-z0-9_-]", "_") + "." + extension;
  }


  private LocalDate date(String text, List<String> errors, Locale locale) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      errors.add(messages.getMessage("audit.search.badDate", new Object[] {text}, locale));
      return null;
    }
  }

  private String state(String text, List<String> errors, Locale locale) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (!STATES.contains(text)) {
      errors.add(messages.getMessage("audit.search.badState", new Object[] {text}, locale));
      return null;
    }
    return text;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
