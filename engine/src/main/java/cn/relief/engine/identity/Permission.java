package cn.relief.engine.identity;

/**
 * A permission a call needs, with Camunda 8.8's names: a permission type ({@code CREATE},
 * {@code CREATE_PROCESS_INSTANCE}, {@code READ}, ...) on a resource type ({@code RESOURCE},
 * {@code PROCESS_DEFINITION}, {@code USER}, ...), for one resource id (a process id, a user
 * name...) or, with a null id, for some id of the type (the ids are then checked per result).
 */
public record Permission(String resourceType, String permissionType, String resourceId) {
  static final String CREATE = "CREATE";
  static final String READ = "READ";
  static final String UPDATE = "UPDATE";
  static final String DELETE = "DELETE";
  /** The resource id of authorizations that hold for every resource of their type. */
  public static final String ANY_ID = "*";

  public Permission(String resourceType, String permissionType) {
    this(resourceType, permissionType, null);
  }

  /** The same permission for one resource. */
  public Permission on(String id) {
    return new Permission(resourceType, permissionType, id);
  }

  /** What a refusal says is missing. */
  public String describe() {
    return "'" + permissionType + "' on resource '" + resourceType + "'"
        + (resourceId == null ? "" : " with id '" + resourceId + "'");
  }
}
