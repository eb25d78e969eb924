package cn.relief.app.cases;

import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import cn.relief.app.security.UserEngineClients;
import cn.relief.workers.documents.DocumentStore;
import io.camunda.client.CamundaClient;
import jakarta.servlet.http.HttpSession;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The cases list and search ({@code /cases}), a case's page, its documents, and starting a case. */
@Controller
class CasesController {
  private final UserEngineClients clients;
  private final CaseFiles cases;
  private final CaseAccess access;
  private final CaseDetails details;
  private final CaseStart starts;
  private final PersonalData personalData;
  private final DocumentStore documents;
  private final ZoneId zone;

  CasesController(UserEngineClients clients, CaseFiles cases, CaseAccess access, CaseDetails details,
      CaseStart starts, PersonalData personalData, DocumentStore documents,
      @Value("${relief.calendar.zone:Asia/Shanghai}") ZoneId zone) {
    this.clients = clients;
    this.cases = cases;
    this.access = access;
    this.details = details;
    this.starts = starts;
    this.personalData = personalData;
    this.documents = documents;
    this.zone = zone;
  }

  /** A case in the list: the case and its root variables as the user may see them. */
  record Row(CaseFile caseFile, Map<String, Object> visible) {}

  @GetMapping("/cases")
  String list(@AuthenticationPrincipal EngineUser user, HttpSession session,
      @RequestParam(required = false) String q, @RequestParam(required = false) String state,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
    CaseSearch search = new CaseSearch(q, state, date(from), date(to), zone);
    List<Row> rows = cases.readableBy(clients.require(session), user).stream()
        .map(c -> new Row(c, personalData.visibleTo(user, c.scope(), c.variables())))
        .filter(row -> search.matches(row.caseFile(), row.visible()))
        .toList();
    model.addAttribute("search", search);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute("rows", rows);
    model.addAttribute("maxCases", CaseFiles.MAX_CASES);
    return "cases/list";
  }

  /** Starts a case for the user's station and opens its first task (the intake) once it is there. */
  @PostMapping("/cases")
  String start(@AuthenticationPrincipal EngineUser user, HttpSession session) {
    if (!user.hasAnyRole(ReliefRole.CASEWORKER, ReliefRole.STATION_HEAD, ReliefRole.ADMIN)
        || user.organisationId() == null) {
      throw new AccessDeniedException(user.username() + " starts no cases");
    }
    CamundaClient client = clients.require(session);
    long instance = starts.start(client, user);
    return starts.firstTask(client, instance).map(task -> "redirect:/tasks/" + task)
        .orElse("redirect:/cases/" + instance);
  }

  @GetMapping("/cases/{reference}")
  String show(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable String reference,
      Model model) {
    CamundaClient client = clients.require(session);
    CaseFile caseFile = readable(client, user, reference);
    model.addAttribute("view", details.of(client, user, caseFile));
    model.addAttribute("canWork", access.canWork(user, caseFile.scope()));
    return "cases/case";
  }

  /**
   * A document of the case: only one the case page lists to this user, after checking the case
   * again. The id goes as a parameter: it holds slashes, which a path would not keep.
   */
  @GetMapping("/cases/{reference}/document")
  ResponseEntity<byte[]> document(@AuthenticationPrincipal EngineUser user, HttpSession session,
      @PathVariable String reference, @RequestParam("id") String documentId) {
    CamundaClient client = clients.require(session);
    CaseFile caseFile = readable(client, user, reference);
    // a document prints the person as they are (a notice names the child): in a minor's case only
    // the staff working on it download them, as only they see the name on the page
    if (PersonalData.isMinor(caseFile.variables()) && !access.isCaseStaffOf(user, caseFile.scope())) {
      throw new AccessDeniedException("documents of a minor's case are for its case staff, not " + user.username());
    }
    if (!details.hasDocument(details.of(client, user, caseFile), documentId)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no document " + documentId + " in the case");
    }
    byte[] content = documents.read(documentId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "document " + documentId + " missing"));
    // a document id is a path in the store (case number/file): the file's own name is its last part
    String name = documentId.substring(documentId.lastIndexOf('/') + 1);
    // notices are PDFs; the archive and medical records are kept as JSON
    boolean json = name.endsWith(".json");
    String fileName = json || name.endsWith(".pdf") ? name : name + ".pdf";
    return ResponseEntity.ok().contentType(json ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
        .body(content);
  }

  private CaseFile readable(CamundaClient client, EngineUser user, String reference) {
    CaseFile caseFile = cases.find(client, reference)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no case " + reference));
    access.checkRead(user, caseFile.scope());
    return caseFile;
  }

  private static LocalDate date(String text) {
    try {
      return text == null || text.isBlank() ? null : LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      return null; // the search form's date field sends ISO dates; anything else filters nothing
    }
  }

}
