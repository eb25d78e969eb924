package cn.relief.engine.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * Writes a problem detail straight to the servlet response, for the places that run outside
 * Spring MVC's message conversion (the authentication filter, the fallback exception resolver).
 */
final class ProblemJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemJson() {}

  static void write(HttpServletResponse response, int status, String title, String detail, String instance)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", instance);
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getOutputStream(), problem);
  }
}
