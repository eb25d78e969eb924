package cn.relief.app.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Calls the engine's audit trail endpoints ({@code /v2/relief/audit/...}, our extension, not in
 * the Camunda client) over HTTP as the logged-in user: the user's own client lends its REST
 * address and credentials, so the engine checks that user's {@code SYSTEM READ}.
 */
@Component
class AuditTrailClient {
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrailClient.class);
  private static final int PAGE_SIZE = 1000;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json;

  AuditTrailClient(ObjectMapper json) {
    this.json = json;
  }

  /** Every entry that targeted or produced any of the keys, once each, in sequence order. */
  TrailAnswer<List<AuditEntry>> entriesFor(CamundaClient client, Collection<Long> keys) {
    Map<Long, AuditEntry> entries = new TreeMap<>();
    for (Long key : keys) {
      Long after = null;
      do {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("targetKey", key);
        query.put("pageSize", PAGE_SIZE);
        query.put("afterSequence", after);
        Reply reply = send(client, "/v2/relief/audit/search", query);
        if (reply.status != TrailAnswer.Status.AVAILABLE) {
          return TrailAnswer.none(reply.status);
        }
        for (JsonNode item : reply.body.path("items")) {
          AuditEntry entry = entry(item);
          entries.put(entry.sequence(), entry);
        }
        JsonNode next = reply.body.path("nextAfterSequence");
        after = next.isNumber() ? next.asLong() : null;
      } while (after != null);
    }
    return TrailAnswer.of(new ArrayList<>(entries.values()));
  }

  /** A verification answered to a session's client, reused for {@link #VERIFICATION_REUSED_FOR}. */
  private record Verified(TrailAnswer<ChainVerification> answer, long at) {}

  /**
   * Walking the chain costs time in proportion to the whole trail: the pages and exports a person
   * opens one after another reuse their last answer for half a minute.
   */
  static final long VERIFICATION_REUSED_FOR = 30_000;

  private final Map<CamundaClient, Verified> verified = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /** The result of walking the whole chain (at most {@link #VERIFICATION_REUSED_FOR} ms old). */
  TrailAnswer<ChainVerification> verification(CamundaClient client) {
    Verified last = verified.get(client);
    long now = System.currentTimeMillis();
    if (last != null && now - last.at() < VERIFICATION_REUSED_FOR) {
      return last.answer();
    }
    TrailAnswer<ChainVerification> answer = verify(client);
    if (answer.status() == TrailAnswer.Status.AVAILABLE) {
      verified.put(client, new Verified(answer, now));
    }
    return answer;
  }

  private TrailAnswer<ChainVerification> verify(CamundaClient client) {
    Reply reply = send(client, "/v2/relief/audit/verification", null);
    if (reply.status != TrailAnswer.Status.AVAILABLE) {
      return TrailAnswer.none(reply.status);
    }
    JsonNode body = reply.body;
    return TrailAnswer.of(new ChainVerification(body.path("valid").asBoolean(), body.path("entriesChecked").asLong(),
        body.path("firstBrokenSequence").isNumber() ? body.path("firstBrokenSequence").asLong() : null,
        body.path("problem").isTextual() ? body.path("problem").asText() : null, body.path("anchorsChecked").asLong()));
  }

  private record Reply(TrailAnswer.Status status, JsonNode body) {}

  /** A GET when {@code body} is null, else a POST of it as JSON. */
  private Reply send(CamundaClient client, String path, Object body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(client, path)).timeout(TIMEOUT)
          .header("Accept", "application/json");
      if (body == null) {
        request.GET();
      } else {
        request.header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      }
      client.getConfiguration().getCredentialsProvider().applyCredentials(request::header);
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status == 200) {
        return new Reply(TrailAnswer.Status.AVAILABLE, json.readTree(response.body()));
      }
      if (status == 401 || status == 403) {
        return new Reply(TrailAnswer.Status.REFUSED, null);
      }
      if (status == 404 || status == 405 || status == 501) {
        return new Reply(TrailAnswer.Status.ABSENT, null);
      }
      LOG.warn("The audit trail answered {} with HTTP {}: {}", path, status, response.body());
      return new Reply(TrailAnswer.Status.FAILED, null);
    } catch (IOException e) {
      LOG.warn("Could not reach the audit trail at {}: {}", path, e.toString());
      return new Reply(TrailAnswer.Status.FAILED, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(TrailAnswer.Status.FAILED, null);
    }
  }

  private static URI uri(CamundaClient client, String path) {
    String base = client.getConfiguration().getRestAddress().toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }

  private AuditEntry entry(JsonNode item) {
    return new AuditEntry(item.path("sequence").asLong(), time(item.path("recordedAt")), text(item, "callerId"),
        text(item, "operation"), map(item.path("target")), map(item.path("request")), text(item, "outcome"),
        text(item, "rejectionType"), text(item, "rejectionMessage"));
  }

  /** ISO text, or decimal epoch seconds when the engine writes dates as numbers. */
  static OffsetDateTime time(JsonNode node) {
    if (node.isTextual()) {
      return OffsetDateTime.parse(node.asText());
    }
    if (node.isNumber()) {
      BigDecimal seconds = node.decimalValue();
      return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds.longValue(),
          seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue()), ZoneOffset.UTC);
    }
    return null;
  }

  private static String text(JsonNode item, String field) {
    JsonNode value = item.path(field);
    return value.isNull() || value.isMissingNode() ? null : value.asText();
  }

  private Map<String, Object> map(JsonNode node) {
    return node.isObject() ? json.convertValue(node, new TypeReference<Map<String, Object>>() {}) : Map.of();
  }
}
