package cn.relief.workers.notices;

/** The written notices and records a station issues (规程; 细则). */
public enum NoticeKind {
  REFUSAL("不予救助通知书",
      "经审核，你不符合生活无着的流浪、乞讨人员的救助条件（《城市生活无着的流浪乞讨人员救助管理办法实施细则》第二条），本站决定不予救助。"),
  TERMINATION("终止救助通知书",
      "你在救助期限届满后无正当理由不愿离开救助管理站，本站决定终止救助。"),
  VOLUNTARY_LEAVE("自愿离站声明",
      "受助人员自愿放弃救助，要求离开救助管理站。随身物品已如数返还，特此声明。"),
  ABSCONDING("擅自离站记录",
      "受助人员未办理离站手续擅自离开救助管理站，特此记录备查。"),
  POOR_SUPPORT_PUBLIC_NOTICE("特困人员认定公示",
      "经乡镇人民政府（街道办事处）调查核实，下列人员拟认定为特困供养人员，现予公示（《社会救助暂行办法》第十五条）。"
          + "公示期间对公示对象有异议的，可向乡镇人民政府（街道办事处）或县级人民政府民政部门反映。"),
  PROTECTION_ORDER_APPLICATION("人身安全保护令申请书",
      "本救助管理机构依照《中华人民共和国反家庭暴力法》第二十三条代为申请人身安全保护令，请求人民法院依法裁定："
          + "禁止被申请人实施家庭暴力，禁止骚扰、跟踪、接触申请人及其相关近亲属。申请人所在的临时庇护场所依法保密，不在本申请书中载明。"),
  JOINT_MINUTES("协同会办纪要",
      "根据民政部《关于开展救助管理区域性中心试点工作的通知》（民函〔2024〕15号），救助管理区域性中心牵头组织"
          + "有关部门对本案协同会办。各部门意见及共同决定如下，各部门按职责分工落实。"),
  ESCORT_HANDOVER("跨省护送交接单",
      "受助人员亲属拒绝接领，经救助管理区域性中心跨省护送，已在接收省份确定的交接地点交接完毕，特立此单为凭。"),
  PATROL_ADVICE("街面巡查劝导记录",
      "街面巡查中发现下列人员，经告知救助政策、劝导，本人拒绝接受救助，已告知求助途径，特此记录备查。");

  private final String title;
  private final String body;

  NoticeKind(String title, String body) {
    this.title = title;
    this.body = body;
  }

  public String title() {
    return title;
  }

  public String body() {
    return body;
  }

  /** Reads the model's {@code noticeKind}; an unknown kind is a modelling fault, not a business outcome. */
  public static NoticeKind of(String value) {
    for (NoticeKind kind : values()) {
      if (kind.name().equals(value)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("Expected noticeKind one of "
        + java.util.Arrays.toString(values()) + " but found '" + value + "'");
  }
}
