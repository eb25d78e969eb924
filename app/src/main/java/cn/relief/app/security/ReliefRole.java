package cn.relief.app.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The application's roles, each an engine role (by id) mapped to a Spring authority. The
 * engine's {@code admin} role is the one its initial administrator holds.
 */
public enum ReliefRole {
  POLICY_STAFF("policy-staff", "政策人员", "Policy staff"),
  CASEWORKER("caseworker", "个案工作人员", "Caseworker"),
  STATION_HEAD("station-head", "站长", "Station head"),
  REGIONAL_CENTRE("regional-centre", "区域性中心人员", "Regional-centre staff"),
  AUDITOR("auditor", "审计人员", "Auditor"),
  /** A partner hotline (110, 12345): may only send discovery reports through the partner API. */
  PARTNER("partner-hotline", "合作热线", "Partner hotline"),
  ADMIN("admin", "系统管理员", "Administrator");

  private final String roleId;
  private final String nameZh;
  private final String nameEn;

  ReliefRole(String roleId, String nameZh, String nameEn) {
    this.roleId = roleId;
    this.nameZh = nameZh;
    this.nameEn = nameEn;
  }

  /** The engine role's id. */
  public String roleId() {
    return roleId;
  }

  /** The Spring authority, e.g. {@code ROLE_STATION_HEAD}. */
  public String authority() {
    return "ROLE_" + name();
  }

  public String nameZh() {
    return nameZh;
  }

  public String nameEn() {
    return nameEn;
  }

  public static Optional<ReliefRole> ofRoleId(String roleId) {
    return Arrays.stream(values()).filter(role -> role.roleId.equals(roleId)).findFirst();
  }

  /** The application roles among engine role ids; other engine roles are ignored. */
  public static List<ReliefRole> ofRoleIds(Collection<String> roleIds) {
    return Arrays.stream(values()).filter(role -> roleIds.contains(role.roleId)).toList();
  }
}
