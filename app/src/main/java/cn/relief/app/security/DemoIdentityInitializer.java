package cn.relief.app.security;

import static io.camunda.client.api.search.enums.PermissionType.CREATE;
import static io.camunda.client.api.search.enums.PermissionType.CREATE_DECISION_INSTANCE;
import static io.camunda.client.api.search.enums.PermissionType.CREATE_PROCESS_INSTANCE;
import static io.camunda.client.api.search.enums.PermissionType.READ;
import static io.camunda.client.api.search.enums.PermissionType.READ_DECISION_DEFINITION;
import static io.camunda.client.api.search.enums.PermissionType.READ_DECISION_INSTANCE;
import static io.camunda.client.api.search.enums.PermissionType.READ_PROCESS_DEFINITION;
import static io.camunda.client.api.search.enums.PermissionType.READ_PROCESS_INSTANCE;
import static io.camunda.client.api.search.enums.PermissionType.READ_USER_TASK;
import static io.camunda.client.api.search.enums.PermissionType.UPDATE_PROCESS_INSTANCE;
import static io.camunda.client.api.search.enums.PermissionType.UPDATE_USER_TASK;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.FinalCommandStep;
import io.camunda.client.api.search.enums.OwnerType;
import io.camunda.client.api.search.enums.PermissionType;
import io.camunda.client.api.search.enums.ResourceType;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the demo organisations, roles, groups and one user per role on the embedded engine
 * (README.md lists them), through the application's administrative Camunda client. Idempotent:
 * what exists already is left as it is. Only with {@code relief.engine.enabled} and
 * {@code relief.demo.enabled}.
 */
@Component
@ConditionalOnProperty(name = {"relief.engine.enabled", "relief.demo.enabled"}, havingValue = "true")
@Order(0)
class DemoIdentityInitializer {
  private static final Logger LOG = LoggerFactory.getLogger(DemoIdentityInitializer.class);

  /** Organisations (groups {@code org-...}). */
  static final Map<String, String> ORGANISATIONS = Map.of(
      "org-station-tianhe", "广州市天河区救助管理站",
      "org-station-baiyun", "广州市白云区救助管理站",
      "org-city-guangzhou", "广州市救助管理站",
      "org-regional-huanan", "华南救助管理区域性中心",
      "org-agency-guangzhou-police", "广州市公安局",
      "org-partner-110", "广州市公安局110报警服务台",
      "org-partner-12345", "广州12345政务服务便民热线");

  /** The candidate groups the process models use. */
  static final Map<String, String> TASK_GROUPS = Map.of(
      "caseworker", "个案工作人员",
      "station-head", "站长",
      "regional-centre", "区域性中心",
      "police", "公安机关",
      "health", "卫生健康部门",
      "education", "教育部门",
      "human-resources", "人力资源社会保障部门",
      "womens-federation", "妇女联合会",
      "court", "人民法院");

  record DemoUser(String username, String name, ReliefRole role, String organisation, List<String> taskGroups) {}

  static final List<DemoUser> USERS = List.of(
      new DemoUser("zhang.policy", "张政策", ReliefRole.POLICY_STAFF, "org-city-guangzhou", List.of()),
      new DemoUser("li.caseworker", "李社工", ReliefRole.CASEWORKER, "org-station-tianhe", List.of("caseworker")),
      new DemoUser("chen.caseworker", "陈社工", ReliefRole.CASEWORKER, "org-station-baiyun", List.of("caseworker")),
      new DemoUser("wang.head", "王站长", ReliefRole.STATION_HEAD, "org-station-tianhe", List.of("station-head")),
      new DemoUser("zhao.centre", "赵中心", ReliefRole.REGIONAL_CENTRE, "org-regional-huanan", List.of("regional-centre")),
      new DemoUser("sun.auditor", "孙审计", ReliefRole.AUDITOR, "org-city-guangzhou", List.of()),
      new DemoUser("admin", "系统管理员", ReliefRole.ADMIN, "org-city-guangzhou", List.of()),
      // partner hotlines: discovery reports through the partner API only
      new DemoUser("hotline.110", "110接警员", ReliefRole.PARTNER, "org-partner-110", List.of()),
      new DemoUser("hotline.12345", "12345话务员", ReliefRole.PARTNER, "org-partner-12345", List.of()));

  record Grant(ResourceType resourceType, List<PermissionType> permissions) {}

  private static final List<Grant> WORK_ON_CASES = List.of(
      // no READ_USER_TASK: that reads every task of a process, another station's too; case staff see
      // the tasks they are assignee of or candidates for (the engine's task permissions)
      new Grant(ResourceType.PROCESS_DEFINITION, List.of(READ_PROCESS_DEFINITION, CREATE_PROCESS_INSTANCE,
          READ_PROCESS_INSTANCE, UPDATE_PROCESS_INSTANCE, UPDATE_USER_TASK)),
      new Grant(ResourceType.DECISION_DEFINITION, List.of(READ_DECISION_DEFINITION, CREATE_DECISION_INSTANCE)));

  /** The engine authorizations of each role ({@code admin} holds every permission already). */
  static final Map<ReliefRole, List<Grant>> GRANTS = Map.of(
      ReliefRole.CASEWORKER, WORK_ON_CASES,
      ReliefRole.STATION_HEAD, WORK_ON_CASES,
      ReliefRole.REGIONAL_CENTRE, WORK_ON_CASES,
      // policy staff deploy models, count the running cases of each version (READ_PROCESS_INSTANCE) and
      // migrate them to a new version (UPDATE_PROCESS_INSTANCE, on the source and the target process)
      ReliefRole.POLICY_STAFF, List.of(
          new Grant(ResourceType.RESOURCE, List.of(CREATE, READ)),
          new Grant(ResourceType.PROCESS_DEFINITION, List.of(READ_PROCESS_DEFINITION, READ_PROCESS_INSTANCE,
              UPDATE_PROCESS_INSTANCE)),
          new Grant(ResourceType.DECISION_DEFINITION, List.of(READ_DECISION_DEFINITION)),
          // a decision's XML is its requirements graph's: the decision editor loads it
          new Grant(ResourceType.DECISION_REQUIREMENTS_DEFINITION, List.of(READ))),
      ReliefRole.AUDITOR, List.of(
          new Grant(ResourceType.PROCESS_DEFINITION, List.of(READ_PROCESS_DEFINITION, READ_PROCESS_INSTANCE,
              READ_USER_TASK)),
          new Grant(ResourceType.DECISION_DEFINITION, List.of(READ_DECISION_DEFINITION, READ_DECISION_INSTANCE)),
          new Grant(ResourceType.RESOURCE, List.of(READ)),
          new Grant(ResourceType.SYSTEM, List.of(READ))));

  private final CamundaClient client;
  private final String password;

  DemoIdentityInitializer(CamundaClient client, @Value("${relief.demo.password:demo-2026}") String password) {
    this.client = client;
    this.password = password;
  }

  @EventListener(ApplicationReadyEvent.class)
  void createDemoIdentity() {
    ORGANISATIONS.forEach((id, name) -> ifAbsent(client.newCreateGroupCommand().groupId(id).name(name)));
    TASK_GROUPS.forEach((id, name) -> ifAbsent(client.newCreateGroupCommand().groupId(id).name(name)));
    for (ReliefRole role : ReliefRole.values()) {
      if (role != ReliefRole.ADMIN) {
        ifAbsent(client.newCreateRoleCommand().roleId(role.roleId()).name(role.nameZh()));
      }
    }
    GRANTS.forEach(this::authorize);
    for (DemoUser user : USERS) {
      ifAbsent(client.newCreateUserCommand().username(user.username()).name(user.name()).password(password)
          .email(user.username() + "@relief.example"));
      ifAbsent(client.newAssignRoleToUserCommand().roleId(user.role().roleId()).username(user.username()));
      ifAbsent(client.newAssignUserToGroupCommand().username(user.username()).groupId(user.organisation()));
      for (String group : user.taskGroups()) {
        ifAbsent(client.newAssignUserToGroupCommand().username(user.username()).groupId(group));
      }
    }
    LOG.info("Demo users ready: {}", USERS.stream().map(DemoUser::username).toList());
  }

  private void authorize(ReliefRole role, List<Grant> grants) {
    boolean granted = !client.newAuthorizationSearchRequest()
        .filter(f -> f.ownerId(role.roleId()).ownerType(OwnerType.ROLE)).send().join().items().isEmpty();
    if (granted) {
      return;
    }
    for (Grant grant : grants) {
      client.newCreateAuthorizationCommand().ownerId(role.roleId()).ownerType(OwnerType.ROLE).resourceId("*")
          .resourceType(grant.resourceType()).permissionTypes(grant.permissions().toArray(PermissionType[]::new))
          .send().join();
    }
  }

  /** Sends the command; a conflict (409: exists already, or already a member) is no failure. */
  private static void ifAbsent(FinalCommandStep<?> command) {
    try {
      command.send().join();
    } catch (ClientHttpException e) {
      if (e.code() != 409) {
        throw e;
      }
    }
  }
}
