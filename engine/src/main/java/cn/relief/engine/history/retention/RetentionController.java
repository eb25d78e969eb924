package cn.relief.engine.history.retention;

import cn.relief.engine.api.CallerContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The project's own retention endpoints (not part of the Camunda API, hence {@code /v2/relief/...},
 * under the engine's authentication):
 *
 * <ul>
 *   <li>{@code GET /v2/relief/history/retention}: the configured retention and the last (or
 *       running) purge with its progress
 *   <li>{@code POST /v2/relief/history/retention/purge}: purges now, recorded in the audit trail as
 *       the caller's; 409 while another run is going
 * </ul>
 */
@RestController
public class RetentionController {
  private final HistoryRetention retention;

  public RetentionController(HistoryRetention retention) {
    this.retention = retention;
  }

  /** The configuration as ISO-8601 periods ({@code keep} for kept processes) and the purge status. */
  public record RetentionView(String defaultPeriod, Map<String, String> processes, PurgeReport purge) {}

  @GetMapping(path = "/v2/relief/history/retention", produces = MediaType.APPLICATION_JSON_VALUE)
  public RetentionView view() {
    RetentionPolicy policy = retention.policy();
    Map<String, String> processes = new LinkedHashMap<>();
    policy.processes().forEach((id, period) -> processes.put(id, period.map(Object::toString).orElse(RetentionPolicy.KEEP)));
    return new RetentionView(policy.defaultPeriod().map(Object::toString).orElse(RetentionPolicy.KEEP), processes,
        retention.status().orElse(null));
  }

  @PostMapping(path = "/v2/relief/history/retention/purge", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> purge() {
    return retention.purgeNow(CallerContext.current())
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> {
          ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
              "Expected no purge to be running, but one is; its progress is at GET /v2/relief/history/retention");
          problem.setTitle("CONFLICT");
          return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        });
  }
}
