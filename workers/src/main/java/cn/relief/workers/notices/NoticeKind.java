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
