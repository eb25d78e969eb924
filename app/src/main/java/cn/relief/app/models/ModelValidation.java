package cn.relief.app.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Checks a model on the server before it is deployed, as the user: the engine's dry run of a
 * deployment ({@code POST /v2/relief/deployments/validation}, the project's own endpoint) runs the
 * very checks a deployment runs and names the element of each problem. The Camunda client has no
 * such call, so it is sent over HTTP with the headers the user's client would send (its
 * credentials provider). A Camunda 8 cluster has no such endpoint (404): then the answer says the
 * model was not checked, and the deployment's own rejection reports the problems.
 */
@Component
class ModelValidation {
  static final String PATH = "/v2/relief/deployments/validation";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json;

  ModelValidation(ObjectMapper json) {
    this.json = json;
  }

  /** {@code checked} false: the engine offers no dry run; {@code valid} only means something when checked. */
  record Validation(boolean checked, boolean valid, List<ModelProblem> problems) {}

  Validation validate(CamundaClient client, ModelResource model) {
    String resourceName = model.resourceName();
    String boundary = "relief-" + UUID.randomUUID();
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint(client.getConfiguration().getRestAddress()))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, resourceName, model.content())));
    HttpResponse<String> response;
    try {
      client.getConfiguration().getCredentialsProvider().applyCredentials(request::header);
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("Expected the engine to check the model, but it could not be reached: "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the engine checked the model", e);
    }
    if (response.statusCode() == 404) {
      return new Validation(false, false, List.of());
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new AccessDeniedException("The engine refused to check the model for this user (HTTP "
          + response.statusCode() + ")");
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Expected the engine to check the model, but it answered HTTP "
          + response.statusCode() + ": " + response.body());
    }
    return read(response.body(), resourceName);
  }

  private Validation read(String body, String resourceName) {
    try {
      JsonNode answer = json.readTree(body);
      List<ModelProblem> problems = new ArrayList<>();
      String prefix = "'" + resourceName + "': ";
      for (JsonNode problem : answer.path("problems")) {
        String message = problem.path("message").asText();
        String elementId = problem.path("elementId").isTextual() ? problem.path("elementId").asText() : null;
        // the resource is the one in the editor: its name in front of each message says nothing new
        problems.add(new ModelProblem(elementId, message.startsWith(prefix) ? message.substring(prefix.length())
            : message));
      }
      return new Validation(true, answer.path("valid").asBoolean(problems.isEmpty()), problems);
    } catch (IOException e) {
      throw new IllegalStateException("Expected the engine's check as JSON, but could not read it: " + body, e);
    }
  }

  private static URI endpoint(URI restAddress) {
    String base = restAddress.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH);
  }

  private static byte[] multipart(String boundary, String resourceName, String content) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"resources\"; filename=\""
        + resourceName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }
}
