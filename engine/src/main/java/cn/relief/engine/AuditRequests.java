package cn.relief.engine;

import cn.relief.engine.api.EngineApi.CorrelateMessage;
import cn.relief.engine.api.EngineApi.CreateProcessInstance;
import cn.relief.engine.api.EngineApi.DeployResource;
import cn.relief.engine.api.EngineApi.PublishMessage;
import cn.relief.engine.audit.AuditRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the audit trail records of the engine's larger commands; the small ones are built inline in {@link Engine}. */
final class AuditRequests {
  private AuditRequests() {}

  /** Resource names with size and SHA-256, not the content: the content is in the event log, and big. */
  static AuditRequest deploy(List<DeployResource> resources, String tenantId) {
    return AuditRequest.of("DEPLOY").data("resources", describe(resources)).data("tenantId", tenantId).build();
  }

  /** A dry run of a deployment, recorded like one: someone tried these resources. */
  static AuditRequest validateDeployment(List<DeployResource> resources, String tenantId) {
    return AuditRequest.of("VALIDATE_DEPLOYMENT").data("resources", describe(resources)).data("tenantId", tenantId)
        .build();
  }

  private static List<Map<String, Object>> describe(List<DeployResource> resources) {
    List<Map<String, Object>> described = new ArrayList<>();
    if (resources != null) {
      for (DeployResource resource : resources) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("name", resource.name());
        byte[] content = resource.content() == null ? new byte[0] : resource.content();
        one.put("size", content.length);
        one.put("sha256", sha256(content));
        described.add(one);
      }
    }
    return described;
  }

  static AuditRequest createProcessInstance(CreateProcessInstance command, boolean withResult) {
    return AuditRequest.of("CREATE_PROCESS_INSTANCE")
        .target("bpmnProcessId", command.processDefinitionKey() > 0 ? null : command.bpmnProcessId())
        .target("processDefinitionKey", command.processDefinitionKey() > 0 ? command.processDefinitionKey() : null)
        .data("version", command.processDefinitionKey() > 0 ? null : command.version())
        .data("variables", command.variables())
        .data("tenantId", command.tenantId())
        .data("withResult", withResult ? Boolean.TRUE : null)
        .build();
  }

  static AuditRequest publishMessage(PublishMessage command) {
    return AuditRequest.of("PUBLISH_MESSAGE")
        .target("messageName", command.name())
        .data("name", command.name())
        .data("correlationKey", command.correlationKey())
        .data("messageId", command.messageId())
        .data("timeToLiveMillis", command.timeToLive() == null ? null : command.timeToLive().toMillis())
        .data("variables", command.variables())
        .data("tenantId", command.tenantId())
        .build();
  }

  static AuditRequest correlateMessage(CorrelateMessage command) {
    return AuditRequest.of("CORRELATE_MESSAGE")
        .target("messageName", command.name())
        .data("name", command.name())
        .data("correlationKey", command.correlationKey())
        .data("variables", command.variables())
        .data("tenantId", command.tenantId())
        .build();
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
