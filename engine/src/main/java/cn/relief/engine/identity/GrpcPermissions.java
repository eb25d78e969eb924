package cn.relief.engine.identity;

import static cn.relief.engine.identity.Permission.CREATE;

import java.util.Map;
import java.util.Optional;

/**
 * The permission a gRPC call needs, by its method name. Calls not named here (job activation and
 * completion, messages, signals, topology) need only an authenticated user, as on REST.
 */
public final class GrpcPermissions {
  private static final Map<String, Permission> REQUIRED = Map.of(
      "DeployResource", new Permission("RESOURCE", CREATE),
      "DeployProcess", new Permission("RESOURCE", CREATE),
      "DeleteResource", new Permission("RESOURCE", "DELETE_RESOURCE"),
      "CreateProcessInstance", new Permission("PROCESS_DEFINITION", "CREATE_PROCESS_INSTANCE"),
      "CreateProcessInstanceWithResult", new Permission("PROCESS_DEFINITION", "CREATE_PROCESS_INSTANCE"),
      "CancelProcessInstance", new Permission("PROCESS_DEFINITION", "CANCEL_PROCESS_INSTANCE"),
      "SetVariables", new Permission("PROCESS_DEFINITION", "UPDATE_PROCESS_INSTANCE"),
      "ResolveIncident", new Permission("PROCESS_DEFINITION", "UPDATE_PROCESS_INSTANCE"),
      "MigrateProcessInstance", new Permission("PROCESS_DEFINITION", "UPDATE_PROCESS_INSTANCE"),
      "EvaluateDecision", new Permission("DECISION_DEFINITION", "CREATE_DECISION_INSTANCE"));

  private GrpcPermissions() {}

  /** {@code bareMethodName} is the RPC's name without its service, e.g. {@code DeployResource}. */
  public static Optional<Permission> required(String bareMethodName) {
    return Optional.ofNullable(REQUIRED.get(bareMethodName));
  }
}
