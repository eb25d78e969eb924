package cn.relief.engine.identity;

import static cn.relief.engine.identity.Permission.CREATE;
import static cn.relief.engine.identity.Permission.DELETE;
import static cn.relief.engine.identity.Permission.READ;
import static cn.relief.engine.identity.Permission.UPDATE;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.server.PathContainer;

/**
 * The permission a REST v2 request needs, from its method and path. Requests not named here
 * (job activation and completion, messages, signals, topology, user tasks, whose own rules decide
 * per task) need only an authenticated user: job workers call them, and their permissions come
 * with later slices.
 */
public final class RestPermissions {
  private static final Set<String> IDENTITY = Set.of("users", "groups", "roles", "authorizations");
  private static final Set<String> PROCESS_HISTORY =
      Set.of("process-instances", "element-instances", "variables", "incidents");

  /** Creating a batch operation over process instances, per kind (each item is checked again as it runs). */
  private static final java.util.Map<String, String> BATCH_CREATIONS = java.util.Map.of(
      "cancellation", "CREATE_BATCH_OPERATION_CANCEL_PROCESS_INSTANCE",
      "migration", "CREATE_BATCH_OPERATION_MIGRATE_PROCESS_INSTANCE",
      "incident-resolution", "CREATE_BATCH_OPERATION_RESOLVE_INCIDENT",
      "modification", "CREATE_BATCH_OPERATION_MODIFY_PROCESS_INSTANCE");

  private RestPermissions() {}

  /**
   * {@code path} is the request URI, e.g. {@code /v2/users/search}, as the client sent it: it is
   * read as Spring MVC matches it to a controller ({@link #canonicalPath}), so that the same
   * endpoint spelled differently ({@code /v2/users;x}, {@code /v2/%75sers}) needs the same
   * permission. (Read from the raw text, such a path needed none: a user without any
   * authorization created users with {@code POST /v2/users;x}.)
   */
  public static Optional<Permission> required(String method, String rawPath) {
    String path = canonicalPath(rawPath);
    String[] segments = path.replaceFirst("^/v2/", "").split("/");
    String collection = segments[0];
    boolean read = method.equals("GET") || path.endsWith("/search") || path.endsWith("/statistics");
    if (IDENTITY.contains(collection)) {
      Permission permission = new Permission(resourceType(collection), identityPermission(method, segments, read));
      // a call about one user, group or role needs the permission for it (or for *); an
      // authorization is named by its key, not a resource id, and a search is filtered per item
      boolean aboutOne = segments.length >= 2 && !segments[1].equals("search") && !collection.equals("authorizations");
      return Optional.of(aboutOne ? permission.on(segments[1]) : permission);
    }
    if (collection.equals("deployments") && method.equals("POST")) {
      return Optional.of(new Permission("RESOURCE", CREATE));
    }
    if (collection.equals("resources")) {
      return Optional.of(new Permission("RESOURCE", read ? READ : "DELETE_RESOURCE"));
    }
    if (collection.equals("process-definitions")) {
      return Optional.of(new Permission("PROCESS_DEFINITION", "READ_PROCESS_DEFINITION"));
    }
    if (collection.equals("process-instances") && method.equals("POST") && segments.length == 2
        && BATCH_CREATIONS.containsKey(segments[1])) {
      return Optional.of(new Permission("BATCH", BATCH_CREATIONS.get(segments[1])));
    }
    if (collection.equals("batch-operations") || collection.equals("batch-operation-items")) {
      return Optional.of(new Permission("BATCH", read ? READ : UPDATE));
    }
    if (collection.equals("process-instances") && method.equals("POST") && segments.length == 1) {
      return Optional.of(new Permission("PROCESS_DEFINITION", "CREATE_PROCESS_INSTANCE"));
    }
    if (collection.equals("process-instances") && path.endsWith("/cancellation")) {
      return Optional.of(new Permission("PROCESS_DEFINITION", "CANCEL_PROCESS_INSTANCE"));
    }
    if (collection.equals("process-instances") && path.endsWith("/modification") && method.equals("POST")) {
      return Optional.of(new Permission("PROCESS_DEFINITION", "MODIFY_PROCESS_INSTANCE"));
    }
    if (PROCESS_HISTORY.contains(collection)) {
      return Optional.of(new Permission("PROCESS_DEFINITION", read ? "READ_PROCESS_INSTANCE" : "UPDATE_PROCESS_INSTANCE"));
    }
    if (collection.equals("decision-definitions") && path.endsWith("/evaluation")) {
      return Optional.of(new Permission("DECISION_DEFINITION", "CREATE_DECISION_INSTANCE"));
    }
    if (collection.equals("decision-requirements")) {
      return Optional.of(new Permission("DECISION_REQUIREMENTS_DEFINITION", READ));
    }
    if (collection.equals("decision-definitions")) {
      return Optional.of(new Permission("DECISION_DEFINITION", "READ_DECISION_DEFINITION"));
    }
    if (collection.equals("decision-instances")) {
      return Optional.of(new Permission("DECISION_DEFINITION", "READ_DECISION_INSTANCE"));
    }
    if (collection.equals("relief")) {
      return Optional.of(reliefPermission(path, read));
    }
    if (collection.equals("clock")) {
      return Optional.of(new Permission("SYSTEM", UPDATE));
    }
    return Optional.empty();
  }

  /**
   * A request path as the handler mapping sees it: each segment percent-decoded and without its
   * matrix parameters ({@code ;name=value}), which Spring MVC ignores when matching. Dot segments
   * and empty segments are kept: the gateway refuses paths that have any ({@code
   * RestAuthenticationFilter}).
   */
  public static String canonicalPath(String rawPath) {
    List<String> segments = PathContainer.parsePath(rawPath).elements().stream()
        .filter(PathContainer.PathSegment.class::isInstance)
        .map(element -> ((PathContainer.PathSegment) element).valueToMatch())
        .toList();
    return (rawPath.startsWith("/") ? "/" : "") + String.join("/", segments) + (rawPath.endsWith("/") ? "/" : "");
  }

  /**
   * The project's own endpoints: the audit trail holds every case's data and who touched it, so
   * reading it (and the retention status) needs SYSTEM READ, an auditor's grant; purging history
   * needs the right to delete process instances; validating a deployment, the right to deploy. (8.8 has no audit-log resource type; SYSTEM is the
   * nearest the client can grant.)
   */
  private static Permission reliefPermission(String path, boolean read) {
    if (path.startsWith("/v2/relief/deployments/validation")) {
      // a dry run of a deployment needs what the deployment needs
      return new Permission("RESOURCE", CREATE);
    }
    if (path.startsWith("/v2/relief/history/retention/purge")) {
      return new Permission("PROCESS_DEFINITION", "DELETE_PROCESS_INSTANCE");
    }
    return new Permission("SYSTEM", read || path.startsWith("/v2/relief/audit/") ? READ : UPDATE);
  }

  private static String resourceType(String collection) {
    return switch (collection) {
      case "users" -> "USER";
      case "groups" -> "GROUP";
      case "roles" -> "ROLE";
      default -> "AUTHORIZATION";
    };
  }

  /** Reading, creating (POST on the collection), deleting one entity, or else changing it or its members. */
  private static String identityPermission(String method, String[] segments, boolean read) {
    if (read) {
      return READ;
    }
    if (method.equals("POST") && segments.length == 1) {
      return CREATE;
    }
    if (method.equals("DELETE") && segments.length == 2) {
      return DELETE;
    }
    return UPDATE;
  }
}
