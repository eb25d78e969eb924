package cn.relief.app.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Coded values shown in the forms' words. */
class OptionLabelsTest {
  private final OptionLabels labels = new OptionLabels();

  @Test
  void aFormsOptionIsShownByItsLabelAnythingElseAsItIs() {
    assertThat(labels.label("intakeChannel", "PUBLIC_REPORT")).isEqualTo("群众报告");
    assertThat(labels.label("intakeChannel", "BY_BUS")).isEqualTo("BY_BUS");
    assertThat(labels.label("fullName", "张三")).isEqualTo("张三");
    assertThat(labels.label("gender", null)).isNull();
  }
}
