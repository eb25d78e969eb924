package cn.relief.engine.identity;

import cn.relief.engine.api.Caller;
import cn.relief.engine.state.IdentityState;
import java.util.Collection;
import java.util.Set;

/**
 * Who acts on a user task and what decides whether they may: a user sees and acts on a task only
 * if it is assigned to them, they are a candidate user, one of their groups is a candidate group,
 * or they hold the administrative role (in Camunda 8.8's Tasklist candidate groups no longer limit
 * who sees a task; here they do). The engine's own work and in-process calls act as administrators.
 */
public record TaskActor(String username, Set<String> groups, boolean administrator) {

  /** Taken on the caller's thread: the identity state is safe to read from any thread. */
  public static TaskActor of(Caller caller, IdentityState identity) {
    if (!Caller.USER.equals(caller.kind()) && !Caller.CLIENT.equals(caller.kind())) {
      return new TaskActor(caller.id(), Set.of(), true);
    }
    boolean administrator = identity.rolesOf(caller.id()).contains(AccessControl.ADMIN_ROLE);
    return new TaskActor(caller.id(), Set.copyOf(identity.groupsOf(caller.id())), administrator);
  }

  public boolean mayActOn(String assignee, Collection<String> candidateUsers, Collection<String> candidateGroups) {
    if (administrator || username.equals(assignee)) {
      return true;
    }
    if (candidateUsers != null && candidateUsers.contains(username)) {
      return true;
    }
    return candidateGroups != null && candidateGroups.stream().anyMatch(groups::contains);
  }

  /** Why not, for a rejection or a refusal. */
  public String refusal(long userTaskKey) {
    return "Expected user '" + username + "' to be the assignee, a candidate user or in a candidate group of user task '"
        + userTaskKey + "', but the user is none of these (its groups: " + groups + ")";
  }
}
