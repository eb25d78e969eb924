package cn.relief.app.patrol;

/** A round action that cannot be done now; the page says why ({@link #messageKey()}). */
public class RoundRefused extends RuntimeException {
  private final String messageKey;

  public RoundRefused(String messageKey) {
    super(messageKey);
    this.messageKey = messageKey;
  }

  public String messageKey() {
    return messageKey;
  }
}
