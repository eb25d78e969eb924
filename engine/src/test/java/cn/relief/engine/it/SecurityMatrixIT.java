package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.identity.ApiSecurity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.OwnerType;
import io.camunda.client.api.search.enums.PermissionType;
import io.camunda.client.api.search.enums.ResourceType;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorization matrix of the engine's APIs: every REST endpoint the running context maps and
 * every gRPC method of the {@code Gateway} service, called by every kind of caller, against a table
 * written by hand that states the rule independently of {@code RestPermissions} and
 * {@code GrpcPermissions}. An endpoint or method the table does not name fails the test, so a new
 * one has to be placed in the table (and thought about) before the build passes again.
 *
 * <p>Callers: anonymous, a wrong password, a user without any authorization, a reader (READ on
 * process definitions, their instances and user tasks, for every process), a person holding a
 * delegated role (only with the application's delegation header, and then with no authorization),
 * and the administrator. The requests carry placeholder bodies: the authentication and the
 * gateway's permission check come before the body is read, and the engine's per-resource and
 * per-task checks run against a real process instance, user task, group, role and authorization.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixIT extends ClientTestSupport {

  /** What a caller without the permission an endpoint needs is answered. */
  enum Expect {
    /** refused: 403 / PERMISSION_DENIED (from the gateway or, per resource or task, from the engine) */
    FORBIDDEN,
    /** a search answered with only what the caller may read: 200 and no items here */
    FILTERED,
    /** admitted (anything but 401 / 403; the placeholder request may well be 400 or 404) */
    ALLOWED
  }

  /** One row of the table: what the user without authorizations and what the reader get. */
  record Rule(Expect noPermission, Expect reader) {}

  private static final Rule IDENTITY = new Rule(Expect.FORBIDDEN, Expect.FORBIDDEN);
  private static final Rule PROCESS_READ = new Rule(Expect.FORBIDDEN, Expect.ALLOWED);
  private static final Rule PROCESS_WRITE = new Rule(Expect.FORBIDDEN, Expect.FORBIDDEN);
  private static final Rule SEARCH_FILTERED = new Rule(Expect.FILTERED, Expect.ALLOWED);
  private static final Rule ANY_USER = new Rule(Expect.ALLOWED, Expect.ALLOWED);
  private static final Rule DECISIONS = new Rule(Expect.FORBIDDEN, Expect.FORBIDDEN);
  private static final Rule ADMINISTRATION = new Rule(Expect.FORBIDDEN, Expect.FORBIDDEN);

  /**
   * Public endpoints, each with the reason it is public. Everything else needs authentication
   * (house rule: only the login page, the health check and the error page are public; the engine
   * alone has neither login page nor health check).
   */
  private static final Map<String, String> PUBLIC = Map.of(
      "* /error", "Spring Boot's error page: renders the status of a failed request, no data; under /v2 the"
          + " engine answers its own problem details");

  /** The rule per REST endpoint ("METHOD pattern" as the handler mapping names it), grouped. */
  private static final Map<String, Rule> REST = new LinkedHashMap<>();

  static {
    // identity: every call needs USER / GROUP / ROLE / AUTHORIZATION permissions
    for (String endpoint : List.of("POST /v2/users", "GET /v2/users/{username}", "PUT /v2/users/{username}",
        "DELETE /v2/users/{username}", "POST /v2/users/search",
        "POST /v2/groups", "GET /v2/groups/{groupId}", "PUT /v2/groups/{groupId}", "DELETE /v2/groups/{groupId}",
        "POST /v2/groups/search", "PUT /v2/groups/{groupId}/users/{username}",
        "DELETE /v2/groups/{groupId}/users/{username}", "POST /v2/groups/{groupId}/users/search",
        "POST /v2/roles", "GET /v2/roles/{roleId}", "PUT /v2/roles/{roleId}", "DELETE /v2/roles/{roleId}",
        "POST /v2/roles/search", "PUT /v2/roles/{roleId}/users/{username}",
        "DELETE /v2/roles/{roleId}/users/{username}", "PUT /v2/roles/{roleId}/groups/{groupId}",
        "DELETE /v2/roles/{roleId}/groups/{groupId}", "POST /v2/roles/{roleId}/users/search",
        "POST /v2/roles/{roleId}/groups/search",
        "POST /v2/authorizations", "GET /v2/authorizations/{authorizationKey}",
        "PUT /v2/authorizations/{authorizationKey}", "DELETE /v2/authorizations/{authorizationKey}",
        "POST /v2/authorizations/search")) {
      REST.put(endpoint, IDENTITY);
    }
    // process definitions and instances: reading needs READ_PROCESS_DEFINITION / READ_PROCESS_INSTANCE
    for (String endpoint : List.of("POST /v2/process-definitions/search", "GET /v2/process-definitions/{key}",
        "GET /v2/process-definitions/{key}/xml", "GET /v2/process-definitions/{key}/form",
        "POST /v2/process-definitions/{key}/statistics/element-instances",
        "POST /v2/process-instances/search", "GET /v2/process-instances/{key}",
        "GET /v2/process-instances/{key}/sequence-flows", "GET /v2/process-instances/{key}/call-hierarchy",
        "GET /v2/process-instances/{key}/statistics/element-instances",
        "POST /v2/process-instances/{key}/incidents/search",
        "POST /v2/element-instances/search", "GET /v2/element-instances/{key}",
        "POST /v2/variables/search", "GET /v2/variables/{key}",
        "POST /v2/incidents/search", "GET /v2/incidents/{key}")) {
      REST.put(endpoint, PROCESS_READ);
    }
    // ... and changing them the matching write permission, which the reader does not hold
    for (String endpoint : List.of("POST /v2/process-instances",
        "POST /v2/process-instances/{processInstanceKey}/cancellation",
        "POST /v2/process-instances/{processInstanceKey}/migration",
        "POST /v2/process-instances/{processInstanceKey}/modification",
        "PUT /v2/element-instances/{elementInstanceKey}/variables",
        "POST /v2/incidents/{incidentKey}/resolution",
        "POST /v2/deployments", "POST /v2/relief/deployments/validation")) {
      REST.put(endpoint, PROCESS_WRITE);
    }
    // batch operations: BATCH permissions
    for (String endpoint : List.of("POST /v2/process-instances/cancellation",
        "POST /v2/process-instances/incident-resolution", "POST /v2/process-instances/migration",
        "GET /v2/batch-operations/{key}", "POST /v2/batch-operations/search",
        "POST /v2/batch-operation-items/search", "POST /v2/batch-operations/{key}/suspension",
        "POST /v2/batch-operations/{key}/resumption", "POST /v2/batch-operations/{key}/cancellation")) {
      REST.put(endpoint, ADMINISTRATION);
    }
    // searches any user may make, answered with the rows of the processes the caller may read
    for (String endpoint : List.of("POST /v2/jobs/search", "POST /v2/message-subscriptions/search",
        "POST /v2/correlated-message-subscriptions/search", "POST /v2/user-tasks/search")) {
      REST.put(endpoint, SEARCH_FILTERED);
    }
    // one user task: its assignee and candidates, or READ_USER_TASK on its process (the reader) for reading
    for (String endpoint : List.of("GET /v2/user-tasks/{userTaskKey}", "GET /v2/user-tasks/{userTaskKey}/form",
        "POST /v2/user-tasks/{userTaskKey}/variables/search")) {
      REST.put(endpoint, PROCESS_READ);
    }
    for (String endpoint : List.of("POST /v2/user-tasks/{userTaskKey}/assignment",
        "DELETE /v2/user-tasks/{userTaskKey}/assignee", "PATCH /v2/user-tasks/{userTaskKey}",
        "POST /v2/user-tasks/{userTaskKey}/completion")) {
      REST.put(endpoint, PROCESS_WRITE);
    }
    // job workers, messages, signals, topology: any authenticated user (README "Known limits")
    for (String endpoint : List.of("POST /v2/jobs/activation", "POST /v2/jobs/{jobKey}/completion",
        "POST /v2/jobs/{jobKey}/failure", "POST /v2/jobs/{jobKey}/error", "PATCH /v2/jobs/{jobKey}",
        "POST /v2/messages/publication", "POST /v2/messages/correlation", "POST /v2/signals/broadcast",
        "GET /v2/topology")) {
      REST.put(endpoint, ANY_USER);
    }
    // decisions: DECISION_DEFINITION / DECISION_REQUIREMENTS_DEFINITION permissions
    for (String endpoint : List.of("POST /v2/decision-definitions/evaluation",
        "POST /v2/decision-definitions/search", "GET /v2/decision-definitions/{key}",
        "GET /v2/decision-definitions/{key}/xml", "POST /v2/decision-requirements/search",
        "GET /v2/decision-requirements/{key}", "GET /v2/decision-requirements/{key}/xml",
        "POST /v2/decision-instances/search", "GET /v2/decision-instances/{id}")) {
      REST.put(endpoint, DECISIONS);
    }
    // the clock, the audit trail and retention: SYSTEM permissions (an auditor's or an operator's)
    for (String endpoint : List.of("PUT /v2/clock", "POST /v2/clock/reset",
        "GET /v2/relief/audit/verification", "POST /v2/relief/audit/search",
        "GET /v2/relief/history/retention", "POST /v2/relief/history/retention/purge")) {
      REST.put(endpoint, ADMINISTRATION);
    }
  }

  /** The rule per gRPC method of the Gateway service. */
  private static final Map<String, Rule> GRPC = new LinkedHashMap<>();

  static {
    for (String method : List.of("ActivateJobs", "StreamActivatedJobs", "CompleteJob", "FailJob", "ThrowError",
        "UpdateJobRetries", "UpdateJobTimeout", "PublishMessage", "BroadcastSignal", "Topology")) {
      GRPC.put(method, ANY_USER);
    }
    for (String method : List.of("DeployProcess", "DeployResource", "DeleteResource", "CreateProcessInstance",
        "CreateProcessInstanceWithResult", "CancelProcessInstance", "SetVariables", "ResolveIncident",
        "ModifyProcessInstance", "MigrateProcessInstance")) {
      GRPC.put(method, PROCESS_WRITE);
    }
    GRPC.put("EvaluateDecision", DECISIONS);
  }

  /** Bodies other than {@code {}}: a batch over an empty filter would reach every instance of the shared engine. */
  private static final Map<String, String> BODIES = Map.of(
      "POST /v2/user-tasks/{userTaskKey}/assignment", "{\"assignee\":\"demo\"}",
      "PATCH /v2/user-tasks/{userTaskKey}", "{\"changeset\":{\"priority\":60}}",
      "POST /v2/process-instances/cancellation", "{\"filter\":{\"processDefinitionId\":\"security-matrix-none\"}}",
      "POST /v2/process-instances/incident-resolution",
      "{\"filter\":{\"processDefinitionId\":\"security-matrix-none\"}}",
      "POST /v2/process-instances/migration", "{\"filter\":{\"processDefinitionId\":\"security-matrix-none\"}}");

  /**
   * {@code -Drelief.security.full=true}: the wrong password on every REST endpoint. Each such call
   * verifies a password hash on purpose slowly (about 0.3 s here), and the filter answers it before
   * any endpoint is looked at, so the CI version tries every tenth endpoint.
   */
  private static final boolean FULL = Boolean.getBoolean("relief.security.full");
  private static final String PASSWORD = "matrix-pass-1";
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A caller: its credentials (none when anonymous) and whether it presents the delegation header. */
  record Caller(String name, String username, String password, boolean delegated) {}

  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
  @Autowired ApiSecurity security;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> pathValues = new LinkedHashMap<>();
  private String none;
  private String reader;
  private String person;
  private ManagedChannel channel;

  @BeforeAll
  void createCallersAndData() {
    CamundaClient admin = EngineClients.client(httpPort, grpc.port(), true, "demo", "demo");
    try {
      none = uniqueId("matrix-none", Transport.REST);
      reader = uniqueId("matrix-reader", Transport.REST);
      person = uniqueId("matrix-person", Transport.REST);
      String target = uniqueId("matrix-target", Transport.REST);
      for (String username : List.of(none, reader, person, target)) {
        admin.newCreateUserCommand().username(username).password(PASSWORD).send().join();
      }
      admin.newCreateAuthorizationCommand().ownerId(reader).ownerType(OwnerType.USER).resourceId("*")
          .resourceType(ResourceType.PROCESS_DEFINITION)
          .permissionTypes(PermissionType.READ_PROCESS_DEFINITION, PermissionType.READ_PROCESS_INSTANCE,
              PermissionType.READ_USER_TASK)
          .send().join();
      // the test configuration delegates this role (application.properties)
      admin.newCreateRoleCommand().roleId("delegated-person").name("Delegated person").send().join();
      admin.newAssignRoleToUserCommand().roleId("delegated-person").username(person).send().join();
      String groupId = uniqueId("matrix-group", Transport.REST);
      admin.newCreateGroupCommand().groupId(groupId).name("Matrix group").send().join();
      String roleId = uniqueId("matrix-role", Transport.REST);
      admin.newCreateRoleCommand().roleId(roleId).name("Matrix role").send().join();
      long authorizationKey = admin.newCreateAuthorizationCommand().ownerId(roleId).ownerType(OwnerType.ROLE)
          .resourceId("*").resourceType(ResourceType.SYSTEM).permissionTypes(PermissionType.READ)
          .send().join().getAuthorizationKey();

      // a waiting instance with a user task of someone else, and an evaluated decision, so that
      // the filtered searches have rows to leave out and the task calls meet a real task
      String processId = uniqueId("matrix-process", Transport.REST);
      deploy(admin, Bpmn.createExecutableProcess(processId).startEvent()
          .userTask("task", t -> t.zeebeUserTask().zeebeAssignee("demo"))
          .serviceTask("work", t -> t.zeebeJobType(processId)).endEvent().done());
      long instanceKey = startInstance(admin, processId, Map.of("secret", "value"));
      String decisionPrefix = uniqueId("matrix", Transport.REST);
      admin.newDeployResourceCommand().addResourceString(reliefAidDmn(decisionPrefix), StandardCharsets.UTF_8,
          decisionPrefix + ".dmn").send().join();
      admin.newEvaluateDecisionCommand().decisionId(decisionPrefix + "-first-contact")
          .variables(Map.of("region", "north")).send().join();
      long taskKey = eventually(() -> admin.newUserTaskSearchRequest()
          .filter(f -> f.processInstanceKey(instanceKey)).send().join().items(), items -> !items.isEmpty())
          .get(0).getUserTaskKey();
      eventually(() -> admin.newDecisionInstanceSearchRequest().send().join().items(), items -> !items.isEmpty());

      pathValues.put("username", target); // the administrator's calls change and delete this user
      pathValues.put("groupId", groupId);
      pathValues.put("roleId", roleId);
      pathValues.put("authorizationKey", Long.toString(authorizationKey));
      pathValues.put("processInstanceKey", Long.toString(instanceKey));
      pathValues.put("userTaskKey", Long.toString(taskKey));
      // {key}, {id}, {jobKey}, ...: placeholders; the gateway's check does not depend on them
    } finally {
      admin.close();
    }
    channel = ManagedChannelBuilder.forAddress("localhost", grpc.port()).usePlaintext().build();
  }

  @AfterAll
  void closeChannel() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    http("POST", "/v2/clock/reset", "{}", "demo", "demo"); // in case a placeholder call moved it
  }

  private List<Caller> callers() {
    return List.of(
        new Caller("anonymous", null, null, false),
        new Caller("wrong password", none, "not-" + PASSWORD, false),
        new Caller("delegated person without the header", person, PASSWORD, false),
        new Caller("no permissions", none, PASSWORD, false),
        new Caller("delegated person with the header", person, PASSWORD, true),
        new Caller("reader", reader, PASSWORD, false),
        new Caller("admin", "demo", "demo", false));
  }

  @Test
  void everyRestEndpointAnswersEveryCallerAsTheTableSays() throws Exception {
    List<String> endpoints = restEndpoints();
    assertThat(endpoints).as("REST endpoints the table does not name (add them to REST or PUBLIC)")
        .allMatch(endpoint -> REST.containsKey(endpoint) || PUBLIC.containsKey(endpoint));
    assertThat(new TreeSet<>(REST.keySet())).as("table rows without an endpoint").isSubsetOf(endpoints);

    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    int calls = 0;
    for (Caller caller : callers()) {
      long callerStarted = System.nanoTime();
      for (int i = 0; i < endpoints.size(); i++) {
        String endpoint = endpoints.get(i);
        if (caller.name().equals("wrong password") && !FULL && i % 10 != 0) {
          continue;
        }
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = fill(endpoint.substring(endpoint.indexOf(' ') + 1));
        HttpResponse<String> response = call(method.equals("*") ? "GET" : method, path,
            BODIES.getOrDefault(endpoint, "{}"), caller);
        calls++;
        String problem = check(endpoint, caller, response.statusCode(), response.body());
        if (problem != null) {
          failures.add(caller.name() + " -> " + endpoint + ": " + problem);
        }
      }
      System.out.printf("SecurityMatrixIT REST caller '%s': %d ms%n", caller.name(),
          (System.nanoTime() - callerStarted) / 1_000_000);
    }
    System.out.printf("SecurityMatrixIT REST: %d endpoints x %d callers, %d calls (full: %s) in %d ms%n",
        endpoints.size(), callers().size(), calls, FULL, (System.nanoTime() - started) / 1_000_000);
    assertThat(failures).isEmpty();
  }

  /** The answer a REST caller should get, or null when it got it. */
  private String check(String endpoint, Caller caller, int status, String body) throws Exception {
    boolean authenticates = caller.username() != null && !caller.name().equals("wrong password")
        && (caller.delegated() || !caller.username().equals(person));
    if (PUBLIC.containsKey(endpoint)) {
      return status == 401 || status == 403 ? "public, but " + status : null;
    }
    if (!authenticates) {
      return status == 401 ? null : "expected 401, got " + status + " " + abbreviate(body);
    }
    Expect expect = expected(REST.get(endpoint), caller);
    return switch (expect) {
      case ALLOWED -> status == 401 || status == 403 ? "expected admission, got " + status + " " + abbreviate(body)
          : null;
      case FORBIDDEN -> status == 403 ? null : "expected 403, got " + status + " " + abbreviate(body);
      case FILTERED -> {
        if (status != 200) {
          yield "expected a filtered 200, got " + status + " " + abbreviate(body);
        }
        JsonNode items = JSON.readTree(body).path("items");
        yield items.isArray() && items.isEmpty() ? null : "expected no items, got " + abbreviate(body);
      }
    };
  }

  private Expect expected(Rule rule, Caller caller) {
    if (caller.username().equals("demo")) {
      return Expect.ALLOWED;
    }
    return caller.username().equals(reader) ? rule.reader() : rule.noPermission();
  }

  @Test
  void everyGrpcMethodAnswersEveryCallerAsTheTableSays() {
    List<String> methods = GatewayGrpc.getServiceDescriptor().getMethods().stream()
        .map(MethodDescriptor::getBareMethodName).sorted().toList();
    assertThat(methods).as("gRPC methods the table does not name").allMatch(GRPC::containsKey);
    assertThat(GRPC.keySet()).as("table rows without a method").isSubsetOf(methods);

    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    int calls = 0;
    for (Caller caller : callers()) {
      for (MethodDescriptor<?, ?> method : GatewayGrpc.getServiceDescriptor().getMethods()) {
        Status.Code code = grpcCall(method, caller);
        calls++;
        // gRPC has no delegation header: a person's call is always refused (README "Web application")
        boolean authenticates = caller.username() != null && !caller.name().equals("wrong password")
            && !caller.username().equals(person);
        String problem;
        if (!authenticates) {
          problem = code == Status.Code.UNAUTHENTICATED ? null : "expected UNAUTHENTICATED, got " + code;
        } else {
          Expect expect = expected(GRPC.get(method.getBareMethodName()), caller);
          problem = expect == Expect.FORBIDDEN
              ? (code == Status.Code.PERMISSION_DENIED ? null : "expected PERMISSION_DENIED, got " + code)
              : (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED
                  ? "expected admission, got " + code : null);
        }
        if (problem != null) {
          failures.add(caller.name() + " -> " + method.getBareMethodName() + ": " + problem);
        }
      }
    }
    System.out.printf("SecurityMatrixIT gRPC: %d methods x %d callers = %d calls in %d ms%n", methods.size(),
        callers().size(), calls, (System.nanoTime() - started) / 1_000_000);
    assertThat(failures).isEmpty();
  }

  /**
   * The permission a REST call needs is decided from its path: the same endpoint reached through a
   * path spelled differently (matrix parameters, percent-encoding) must need the same permission.
   */
  @Test
  void aDisguisedPathNeedsTheSamePermission() throws Exception {
    Caller noPermission = new Caller("no permissions", none, PASSWORD, false);
    String newUser = uniqueId("matrix-sneaked", Transport.REST);
    String body = "{\"username\":\"" + newUser + "\",\"password\":\"x-pass-1\",\"name\":\"x\",\"email\":\"x@x.cn\"}";
    for (String path : List.of("/v2/users;x", "/v2;x/users", "/v2/%75sers", "/v2/users/", "/v2/x/../users",
        "/v2/./users", "/v2//users", "/x/../v2/users")) {
      HttpResponse<String> response = call("POST", path, body, noPermission);
      assertThat(response.statusCode()).as("POST %s by a user without permissions: %s", path, response.body())
          .isIn(400, 403, 404);
    }
    for (String path : List.of("/v2/roles;x/search", "/v2/%72oles/search", "/v2/relief/audit;x/search",
        "/v2/relief/%61udit/search", "/v2/process-instances;x/search")) {
      HttpResponse<String> response = call("POST", path, "{}", noPermission);
      assertThat(response.statusCode()).as("POST %s by a user without permissions: %s", path, response.body())
          .isIn(400, 403, 404);
    }
    assertThat(call("GET", "/v2/users/" + newUser, null, new Caller("admin", "demo", "demo", false)).statusCode())
        .as("the user a disguised path tried to create").isEqualTo(404);
  }

  private List<String> restEndpoints() {
    TreeSet<String> endpoints = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      List<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name).toList();
      for (String pattern : info.getPatternValues()) {
        for (String method : methods.isEmpty() ? List.of("*") : methods) {
          endpoints.add(method + " " + pattern);
        }
      }
    }
    return List.copyOf(endpoints);
  }

  private String fill(String pattern) {
    Matcher matcher = PATH_VARIABLE.matcher(pattern);
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(path, pathValues.getOrDefault(matcher.group(1), "2251799813685999"));
    }
    return matcher.appendTail(path).toString();
  }

  private HttpResponse<String> call(String method, String path, String body, Caller caller) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
        .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (caller.username() != null) {
      request.header("Authorization", basic(caller));
    }
    if (caller.delegated()) {
      request.header(ApiSecurity.DELEGATION_HEADER, security.delegationToken());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(Caller caller) {
    return "Basic " + Base64.getEncoder()
        .encodeToString((caller.username() + ":" + caller.password()).getBytes(StandardCharsets.UTF_8));
  }

  /** Calls a method with its empty request message; the status it ended with (OK if none). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Status.Code grpcCall(MethodDescriptor method, Caller caller) {
    Metadata headers = new Metadata();
    if (caller.username() != null) {
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), basic(caller));
    }
    if (caller.delegated()) {
      headers.put(Metadata.Key.of(ApiSecurity.DELEGATION_HEADER, Metadata.ASCII_STRING_MARSHALLER),
          security.delegationToken());
    }
    Channel authenticated = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    Object request = ((MethodDescriptor.PrototypeMarshaller) method.getRequestMarshaller()).getMessagePrototype();
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS);
    try {
      if (method.getType() == MethodDescriptor.MethodType.UNARY) {
        ClientCalls.blockingUnaryCall(authenticated, method, options, request);
      } else {
        Iterator<?> responses = ClientCalls.blockingServerStreamingCall(authenticated, method, options, request);
        while (responses.hasNext()) {
          responses.next();
        }
      }
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private static String abbreviate(String body) {
    return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }
}
