package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Bad input (E8) over every request shape. Every REST endpoint the engine maps (enumerated from
 * Spring MVC, so new ones are covered without listing them) gets junk path variables, parameters
 * and bodies (wrong types, missing fields, unknown enum values, negative and huge numbers, empty,
 * not JSON, wrong content type) as the administrator: the answer is never a 5xx, and a 4xx carries
 * a problem body. Every gRPC method of the gateway (from its service descriptor) gets requests with
 * random field values: the status is never INTERNAL, UNKNOWN or UNAVAILABLE. Afterwards the engine
 * still runs a known model over both transports.
 *
 * <p>{@code -Drelief.badinput.requests=N} sets the tries per REST endpoint and gRPC method (CI: 8).
 */
class RequestShapesIT extends ClientTestSupport {
  private static final int TRIES = Integer.getInteger("relief.badinput.requests", 8);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
  /** Batch endpoints that act on every instance matching their filter: never sent a body that could be accepted. */
  private static final Pattern MATCH_ALL_ENDPOINTS = Pattern.compile(
      "/v2/process-instances/(cancellation|incident-resolution|migration)|/v2/relief/history/retention/purge");
  private static final String[] PATH_JUNK = {
      "abc", "-1", "0", "2251799813685249", "99999999999999999999", "1.5", "1e3", "%20", "%25", "%E6%95%91%E5%8A%A9",
      "a%2Fb", "null", "'%20OR%201=1", "x".repeat(500), "%F0%9F%98%80", "true", "-",
  };
  private static final String[] BROKEN_BODIES = {
      "", "not json", "{", "[]", "[1, 2]", "null", "0", "\"text\"", "true", "{\"a\": }", "{} {}", "<xml/>",
      "{\"filter\": 5}", "{\"page\": {\"limit\": -1}}", "{\"sort\": [{\"field\": \"nope\", \"order\": \"UP\"}]}",
  };
  private static final String[] CONTENT_TYPES = {
      "application/json", "application/json", "application/json", "text/plain", "application/xml",
      "multipart/form-data", "application/x-www-form-urlencoded", null,
  };
  private static final String[] STRING_JUNK = {
      "123", "true", "{}", "[]", "\"\"", "\"救助\"", "\"-1\"", "\"99999999999999999999999\"", "\"\\u0000\"",
      "\"2026-13-45T99:99:99Z\"", "\"" + "x".repeat(1_000) + "\"", "null", "\"=x\"", "\"\\ud800\"",
  };
  private static final String[] NUMBER_JUNK = {
      "\"abc\"", "-1", "0", "2147483648", "9223372036854775808", "-9223372036854775809", "1.5", "1e400", "true",
      "null", "\"-1\"", "{}", "[]",
  };
  private static final String[] ENUM_JUNK = {"\"NOT_A_VALUE\"", "\"\"", "5", "\"active\"", "null", "[]"};
  private static final String[] LIST_JUNK = {"{}", "\"x\"", "[null]", "[{}]", "[1, \"a\", null]", "[]", "5"};
  private static final String[] OBJECT_JUNK = {"[]", "\"x\"", "5", "{}", "{\"unknown\": 1}", "null", "true"};

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private final Map<String, int[]> outcomes = new TreeMap<>();
  private final List<String> defects = new ArrayList<>();
  private int containerRefusals;
  private final HttpClient httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @AfterEach
  void releaseTheClock() throws Exception {
    // a junk clock request that was accepted must not leave the shared engine's clock pinned
    http("POST", "/v2/clock/reset", null, true);
  }

  @Test
  void everyRestEndpointAnswersJunkWithA4xxProblemNeverA5xx() throws Exception {
    Random random = new Random(Long.getLong("relief.badinput.seed", 20261130L));
    int endpoints = 0;
    int requests = 0;
    long started = System.nanoTime();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
      Set<String> patterns = mapping.getKey().getPatternValues();
      Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
      for (String pattern : patterns) {
        if (!pattern.startsWith("/v2")) {
          continue;
        }
        for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
          endpoints++;
          for (int i = 0; i < TRIES; i++) {
            sendJunk(method.name(), pattern, mapping.getValue(), random);
            requests++;
          }
        }
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    int accepted = outcomes.values().stream().mapToInt(c -> c[0]).sum();
    System.out.printf("RequestShapesIT: REST %d endpoints, %d junk requests in %d ms: %d accepted (2xx),"
        + " %d refused with a 4xx (%d of them by Tomcat for an encoded slash), %d defects%n", endpoints, requests,
        millis, accepted, requests - accepted - defects.size(), containerRefusals, defects.size());
    defects.forEach(defect -> System.out.println("RequestShapesIT: DEFECT " + defect));
    assertThat(endpoints).as("REST endpoints found").isGreaterThan(50);
    assertThat(defects).as("junk requests answered with a server error or without a problem body").isEmpty();
    assertKnownModelRuns();
  }

  @Test
  void everyGrpcMethodAnswersRandomFieldsWithoutAnInternalError() throws Exception {
    Random random = new Random(Long.getLong("relief.badinput.seed", 20261130L));
    int methods = 0;
    int calls = 0;
    Map<Status.Code, Integer> codes = new TreeMap<>();
    long started = System.nanoTime();
    try (RawGrpc grpc = new RawGrpc(this.grpc.port())) {
      var channel = ClientInterceptors.intercept(grpc.channel(), RawGrpc.demoCredentials());
      for (MethodDescriptor<?, ?> method : GatewayGrpc.getServiceDescriptor().getMethods()) {
        methods++;
        @SuppressWarnings("unchecked")
        MethodDescriptor<Message, Message> typed = (MethodDescriptor<Message, Message>) method;
        Message prototype = (Message) ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller())
            .getMessagePrototype();
        for (int i = 0; i < TRIES; i++) {
          Message request = randomMessage(prototype.newBuilderForType(), random, 0);
          Status.Code code = Status.Code.OK;
          // short deadlines: long polls and job streams end with DEADLINE_EXCEEDED, which is fine
          CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(3, TimeUnit.SECONDS);
          try {
            if (method.getType() == MethodDescriptor.MethodType.UNARY) {
              ClientCalls.blockingUnaryCall(channel, typed, options, request);
            } else {
              Iterator<Message> answers = ClientCalls.blockingServerStreamingCall(channel, typed, options, request);
              while (answers.hasNext()) {
                answers.next();
              }
            }
          } catch (StatusRuntimeException e) {
            code = e.getStatus().getCode();
            if (code == Status.Code.INTERNAL || code == Status.Code.UNKNOWN || code == Status.Code.UNAVAILABLE) {
              defects.add(method.getBareMethodName() + " answered " + e.getStatus() + " for " + excerpt(
                  request.toString()));
            }
          }
          codes.merge(code, 1, Integer::sum);
          calls++;
        }
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("RequestShapesIT: gRPC %d methods, %d random requests in %d ms, statuses %s%n", methods, calls,
        millis, codes);
    defects.forEach(defect -> System.out.println("RequestShapesIT: DEFECT " + defect));
    assertThat(methods).as("gRPC methods found").isGreaterThan(20);
    assertThat(defects).as("random requests answered with INTERNAL, UNKNOWN or UNAVAILABLE").isEmpty();
    assertKnownModelRuns();
  }

  // ---- REST -------------------------------------------------------------------------------------

  private void sendJunk(String method, String pattern, HandlerMethod handler, Random random) throws Exception {
    Matcher variables = PATH_VARIABLE.matcher(pattern);
    StringBuilder path = new StringBuilder();
    while (variables.find()) {
      variables.appendReplacement(path, Matcher.quoteReplacement(PATH_JUNK[random.nextInt(PATH_JUNK.length)]));
    }
    variables.appendTail(path);
    List<String> query = new ArrayList<>();
    Class<?> bodyType = null;
    for (MethodParameter parameter : handler.getMethodParameters()) {
      RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
      if (param != null && random.nextBoolean()) {
        String name = param.name().isEmpty() ? param.value() : param.name();
        query.add(name + "=" + PATH_JUNK[random.nextInt(PATH_JUNK.length)]);
      }
      if (parameter.hasParameterAnnotation(RequestBody.class)) {
        bodyType = parameter.getParameterType();
      }
    }
    if (!query.isEmpty()) {
      path.append('?').append(String.join("&", query));
    }
    boolean matchAll = MATCH_ALL_ENDPOINTS.matcher(pattern).matches();
    String body = switch (random.nextInt(4)) {
      case 0 -> random.nextInt(3) == 0 ? null : BROKEN_BODIES[random.nextInt(BROKEN_BODIES.length)];
      default -> bodyType == null || Map.class.isAssignableFrom(bodyType)
          ? BROKEN_BODIES[random.nextInt(BROKEN_BODIES.length)] : typedJunk(bodyType, random, 0, matchAll);
    };
    if (matchAll && body != null && (body.equals("{}") || body.isEmpty() || body.startsWith("{\"page\""))) {
      body = "not json";
    }
    String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(
            StandardCharsets.UTF_8)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> response = httpClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String what = method + " " + path + " (" + contentType + ") " + excerpt(String.valueOf(body));
    int status = response.statusCode();
    String key = method + " " + pattern;
    if (status >= 500) {
      defects.add(what + " answered " + status + " " + excerpt(response.body()));
    } else if (status >= 400 && path.indexOf("%2F") >= 0) {
      // Tomcat refuses an encoded slash itself, before any servlet: a plain 400 page, no problem body
      containerRefusals++;
    } else if (status >= 400) {
      String answerType = response.headers().firstValue("Content-Type").orElse("");
      JsonNode problem = answerType.startsWith("application/problem+json") ? JSON.readTree(response.body()) : null;
      if (problem == null || problem.path("status").asInt() != status
          || (problem.path("title").asText() + problem.path("detail").asText()).isBlank()) {
        defects.add(what + " answered " + status + " without a problem body: " + answerType + " "
            + excerpt(response.body()));
      }
    }
    outcomes.computeIfAbsent(key, k -> new int[2])[status < 300 ? 0 : 1]++;
  }

  /** An object of the request type's property names, some of them with values of the wrong kind. */
  private static String typedJunk(Class<?> type, Random random, int depth, boolean matchAll) {
    List<BeanPropertyDefinition> properties = JSON.getSerializationConfig()
        .introspect(JSON.constructType(type)).findProperties();
    StringBuilder json = new StringBuilder("{");
    for (BeanPropertyDefinition property : properties) {
      if (!matchAll && random.nextInt(3) == 0) {
        continue; // a missing field
      }
      Class<?> raw = property.getPrimaryType().getRawClass();
      String value;
      if (raw == String.class) {
        value = STRING_JUNK[random.nextInt(STRING_JUNK.length)];
      } else if (Number.class.isAssignableFrom(raw) || raw.isPrimitive() && raw != boolean.class) {
        value = NUMBER_JUNK[random.nextInt(NUMBER_JUNK.length)];
      } else if (raw == Boolean.class || raw == boolean.class) {
        value = new String[] {"\"yes\"", "2", "null", "[]"}[random.nextInt(4)];
      } else if (raw.isEnum()) {
        value = ENUM_JUNK[random.nextInt(ENUM_JUNK.length)];
      } else if (Collection.class.isAssignableFrom(raw)) {
        value = LIST_JUNK[random.nextInt(LIST_JUNK.length)];
      } else if (depth < 2 && !raw.getName().startsWith("java.") && random.nextBoolean()) {
        value = typedJunk(raw, random, depth + 1, false);
      } else {
        value = OBJECT_JUNK[random.nextInt(OBJECT_JUNK.length)];
      }
      json.append(json.length() > 1 ? ", " : "").append('"').append(property.getName()).append("\": ").append(value);
    }
    return json.append('}').toString();
  }

  // ---- gRPC -------------------------------------------------------------------------------------

  private static final String[] GRPC_STRINGS = {
      "", " ", "x", "救助站", "\u0000", "{}", "[]", "{\"a\": 1}", "not json", "=x", "-1", "2251799813685249",
      "\uD83D\uDE00", "x".repeat(1_000), "<default>", "../x.bpmn", "x.bpmn", "x.dmn", "x.form", "PT1S", "*",
  };
  private static final long[] GRPC_NUMBERS = {
      0, -1, 1, 2, 100, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 2251799813685249L,
  };

  /** Fills a request with random values: every scalar kind, unknown enum numbers, nested and repeated messages. */
  private static Message randomMessage(Message.Builder builder, Random random, int depth) {
    for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
      if (random.nextInt(4) == 0) {
        continue;
      }
      if (field.isRepeated()) {
        int items = depth > 2 ? 0 : random.nextInt(3);
        for (int i = 0; i < items; i++) {
          Object value = randomValue(builder, field, random, depth);
          if (value != null) {
            builder.addRepeatedField(field, value);
          }
        }
      } else {
        Object value = randomValue(builder, field, random, depth);
        if (value != null) {
          builder.setField(field, value);
        }
      }
    }
    return builder.build();
  }

  private static Object randomValue(Message.Builder builder, FieldDescriptor field, Random random, int depth) {
    return switch (field.getJavaType()) {
      case STRING -> field.getName().contains("variables") || field.getName().contains("Headers")
          ? JsonDocuments.document(random) : GRPC_STRINGS[random.nextInt(GRPC_STRINGS.length)];
      case LONG -> GRPC_NUMBERS[random.nextInt(GRPC_NUMBERS.length)];
      case INT -> (int) GRPC_NUMBERS[random.nextInt(GRPC_NUMBERS.length)];
      case BOOLEAN -> random.nextBoolean();
      case DOUBLE -> random.nextBoolean() ? Double.NaN : random.nextGaussian() * 1e10;
      case FLOAT -> random.nextFloat();
      case BYTE_STRING -> random.nextBoolean() ? ByteString.copyFromUtf8(GRPC_STRINGS[random.nextInt(
          GRPC_STRINGS.length)]) : ByteString.copyFrom(randomBytes(random));
      case ENUM -> field.getEnumType().findValueByNumberCreatingIfUnknown(random.nextInt(5) - 1);
      case MESSAGE -> depth > 3 ? null : randomMessage(builder.newBuilderForField(field), random, depth + 1);
    };
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    return bytes;
  }

  // ---- afterwards ---------------------------------------------------------------------------------

  private void assertKnownModelRuns() {
    for (Transport transport : Transport.values()) {
      CamundaClient client = client(transport);
      String processId = uniqueId("after-shapes", transport);
      deploy(client, oneTask(processId, processId));
      long instance = startInstance(client, processId, Map.of("n", 1));
      client.newCompleteCommand(activateOne(client, processId).getKey()).send().join();
      awaitInstanceState(instance, "COMPLETED");
    }
  }

  private static String excerpt(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
