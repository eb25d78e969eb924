package cn.relief.app.patrol;

/** Why a round takes place. */
public enum RoundKind {
  /** From a plan, at its time. */
  PLANNED,
  /** Added by a station head now (a tip, an event). */
  EXTRA,
  /** 寒冬送温暖: started by the cold-wave signal. */
  COLD_WAVE,
  /** 夏季送清凉: started by the heat signal. */
  HEAT;

  /** The weather alerts start their round by a signal, whose instance is found afterwards. */
  public boolean bySignal() {
    return this == COLD_WAVE || this == HEAT;
  }
}
