package cn.relief.engine.audit;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The project's own audit endpoints, not part of the Camunda API (hence {@code /v2/relief/...}):
 * under {@code /v2} so that the engine's authentication protects them.
 *
 * <ul>
 *   <li>{@code GET /v2/relief/audit/verification} walks the chain: {@link AuditVerification}
 *   <li>{@code POST /v2/relief/audit/search} with an {@link AuditQuery}: an {@link AuditPage}
 * </ul>
 */
@RestController
public class AuditController {
  private final AuditVerifier verifier;
  private final AuditSearch search;

  public AuditController(AuditVerifier verifier, AuditSearch search) {
    this.verifier = verifier;
    this.search = search;
  }

  @GetMapping(path = "/v2/relief/audit/verification", produces = MediaType.APPLICATION_JSON_VALUE)
  public AuditVerification verify() {
    return verifier.verify();
  }

  @PostMapping(path = "/v2/relief/audit/search", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> search(@RequestBody(required = false) AuditQuery query) {
    try {
      return ResponseEntity.ok(search.search(query == null ? AuditQuery.all() : query));
    } catch (IllegalArgumentException invalid) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
      problem.setTitle("INVALID_ARGUMENT");
      return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
  }
}
