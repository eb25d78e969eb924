package cn.relief.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text PostgreSQL can store and read as jsonb: no NUL, no JSON escape of one. */
class CopyTextTest {

  @Test
  void replacesNulAndItsJsonEscapeButNotAnEscapedBackslash() {
    assertThat(CopyText.storable("a\0b")).isEqualTo("a\uFFFDb");
    assertThat(CopyText.storable("{\"a\":\"x\\u0000y\"}")).isEqualTo("{\"a\":\"x\\ufffdy\"}");
    // the text backslash-u-0000 itself, escaped in JSON: two backslashes, kept
    assertThat(CopyText.storable("{\"a\":\"\\\\u0000\"}")).isEqualTo("{\"a\":\"\\\\u0000\"}");
    assertThat(CopyText.storable("{\"a\":\"\\\\\\u0000\"}")).isEqualTo("{\"a\":\"\\\\\\ufffd\"}");
    assertThat(CopyText.storable("plain")).isSameAs("plain");
    assertThat(CopyText.storable(null)).isNull();
    assertThat(CopyText.append(new StringBuilder(), "a\0\tb").toString()).isEqualTo("a\uFFFD\\tb");
  }
}
