package cn.relief.engine.identity;

/**
 * A permission a call needs, with Camunda 8.8's names: a permission type ({@code CREATE},
 * {@code CREATE_PROCESS_INSTANCE}, {@code READ}, ...) on a resource type ({@code RESOURCE},
 * {@code PROCESS_DEFINITION}, {@code USER}, ...).
 */
public record Permission(String resourceType, String permissionType) {
  static final String CREATE = "CREATE";
  static final String READ = "READ";
  static final String UPDATE = "UPDATE";
  static final String DELETE = "DELETE";

  /** What a refusal says is missing. */
  public String describe() {
    return "'" + permissionType + "' on resource '" + resourceType + "'";
  }
}
