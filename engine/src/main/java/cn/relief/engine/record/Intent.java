package cn.relief.engine.record;

/** The intents of events, per value type, with Zeebe's names. */
public final class Intent {
  private Intent() {}

  public enum Deployment { CREATED, CREATE }

  public enum Process { CREATED }

  public enum ProcessInstance {
    ELEMENT_ACTIVATING,
    ELEMENT_ACTIVATED,
    ELEMENT_COMPLETING,
    ELEMENT_COMPLETED,
    ELEMENT_TERMINATING,
    ELEMENT_TERMINATED,
    SEQUENCE_FLOW_TAKEN,
    /** An element instance moved to the element its migration maps it to. */
    ELEMENT_MIGRATED,
    CANCEL
  }

  /** MIGRATE is the command, used in rejections. */
  public enum ProcessInstanceMigration { MIGRATED, MIGRATE }

  /**
   * A batch operation's lifecycle: created, its items collected (ITEMS_ADDED, then INITIALIZED),
   * each item done, held and let go by a person, ended; the last seven are commands.
   */
  public enum BatchOperation {
    CREATED, ITEMS_ADDED, INITIALIZED, ITEM_COMPLETED, ITEM_FAILED, SUSPENDED, RESUMED, CANCELED, COMPLETED,
    PARTIALLY_COMPLETED, FAILED, CREATE, ADD_ITEMS, INITIALIZE, EXECUTE, SUSPEND, RESUME, CANCEL
  }

  /** MODIFY is the command, used in rejections. */
  public enum ProcessInstanceModification { MODIFIED, MODIFY }

  public enum ProcessInstanceCreation { CREATED, CREATE }

  public enum Variable { CREATED, UPDATED }

  public enum VariableDocument { UPDATED, UPDATE }

  public enum Job {
    CREATED,
    ACTIVATED,
    COMPLETED,
    FAILED,
    TIMED_OUT,
    RETRIES_UPDATED,
    TIMEOUT_UPDATED,
    ERROR_THROWN,
    RECURRED_AFTER_BACKOFF,
    CANCELED,
    YIELDED,
    MIGRATED,
    // command intents, used in rejections
    ACTIVATE,
    COMPLETE,
    FAIL,
    THROW_ERROR,
    UPDATE_RETRIES,
    UPDATE_TIMEOUT
  }

  /** Camunda 8.8's user task intents (those of the listeners included); the last three are commands. */
  public enum UserTask {
    CREATING,
    CREATED,
    ASSIGNING,
    ASSIGNED,
    UPDATING,
    UPDATED,
    COMPLETING,
    COMPLETED,
    CANCELING,
    CANCELED,
    CORRECTED,
    ASSIGNMENT_DENIED,
    UPDATE_DENIED,
    COMPLETION_DENIED,
    MIGRATED,
    ASSIGN,
    UPDATE,
    COMPLETE
  }

  public enum Incident { CREATED, RESOLVED, MIGRATED, RESOLVE }

  public enum Message { PUBLISHED, EXPIRED, PUBLISH }

  public enum Timer { CREATED, TRIGGERED, CANCELED, MIGRATED }

  public enum MessageSubscription { CREATED, CORRELATED, DELETED, MIGRATED }

  public enum MessageStartEventSubscription { CREATED, CORRELATED, DELETED }

  public enum MessageCorrelation { CORRELATED, NOT_CORRELATED, CORRELATE }

  public enum Signal { BROADCASTED, BROADCAST }

  public enum SignalSubscription { CREATED, DELETED, MIGRATED }

  public enum Escalation { ESCALATED, NOT_ESCALATED }

  public enum Clock { PINNED, RESETTED, PIN, RESET }

  public enum CompensationSubscription { CREATED, TRIGGERED, COMPLETED }

  public enum Decision { CREATED }

  public enum DecisionRequirements { CREATED }

  public enum Form { CREATED }

  /** EVALUATE is the command of a direct evaluation, used in rejections. */
  public enum DecisionEvaluation { EVALUATED, FAILED, EVALUATE }

  /** CREATE, UPDATE and DELETE are commands, used in rejections. */
  public enum User { CREATED, UPDATED, DELETED, CREATE, UPDATE, DELETE }

  /** ENTITY_ADDED and ENTITY_REMOVED are a user joining or leaving the group. */
  public enum Group {
    CREATED, UPDATED, DELETED, ENTITY_ADDED, ENTITY_REMOVED, CREATE, ADD_ENTITY, REMOVE_ENTITY, UPDATE, DELETE
  }

  /** ENTITY_ADDED and ENTITY_REMOVED are a user or a group getting or losing the role. */
  public enum Role {
    CREATED, UPDATED, DELETED, ENTITY_ADDED, ENTITY_REMOVED, CREATE, ADD_ENTITY, REMOVE_ENTITY, UPDATE, DELETE
  }

  /** UPDATED replaces an authorization's owner, resource and permissions; its key stays. */
  public enum Authorization { CREATED, UPDATED, DELETED, CREATE, UPDATE, DELETE }
}
