package cn.relief.engine.identity;

import static cn.relief.engine.identity.Permission.CREATE;

import java.util.Map;
import java.util.Optional;

/**
 * The permission a gRPC call needs, by its method name. Calls not named here (job activation and
 * completion, messages, signals, topology) need only an authenticated user, as on REST.
 */
public final class GrpcPermissions {
  private static final Map<String, Permission> REQUIRED = Map.ofEntries(
      Map.entry("DeployResource", new Permission("RESOURCE", CREATE)),
      Map.entry("DeployProcess", new Permission("RESOURCE", CREATE)),
      Map.entry("DeleteResource", new Permission("RESOURCE", "DELETE_RESOURCE")),
      Map.entry("CreateProcessInstance", new Permission("PROCESS_DEFINITION", "CREATE_PROCESS_INSTANCE")),
      Map.entry("CreateProcessInstanceWithResult", new Permission("PROCESS_DEFINITION", "CREATE_PROCESS_INSTANCE")),
      Map.entry("CancelProcessInstance", new Permission("PROCESS_DEFINITION", "CANCEL_PROCESS_INSTANCE")),
      Map.entry("SetVariables", new Permission("PROCESS_DEFINITION", "UPDATE_PROCESS_INSTANCE")),
      Map.entry("ResolveIncident", new Permission("PROCESS_DEFINITION", "UPDATE_PROCESS_INSTANCE")),
      Map.entry("MigrateProcessInstance", new Permission("PROCESS_DEFINITION", "UPDATE_PROCESS_INSTANCE")),
      Map.entry("ModifyProcessInstance", new Permission("PROCESS_DEFINITION", "MODIFY_PROCESS_INSTANCE")),
      Map.entry("EvaluateDecision", new Permission("DECISION_DEFINITION", "CREATE_DECISION_INSTANCE")));

  private GrpcPermissions() {}

  /** {@code bareMethodName} is the RPC's name without its service, e.g. {@code DeployResource}. */
  public static Optional<Permission> required(String bareMethodName) {
    return Optional.ofNullable(REQUIRED.get(bareMethodName));
  }
}
