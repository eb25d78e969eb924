package cn.relief.engine.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashesTest {

  @Test
  void hashVerifiesItsPasswordOnlyAndIsSalted() {
    String hash = PasswordHashes.hash("demo");
    assertThat(hash).startsWith("pbkdf2-sha512$").doesNotContain("demo");
    assertThat(PasswordHashes.matches("demo", hash)).isTrue();
    assertThat(PasswordHashes.matches("Demo", hash)).isFalse();
    assertThat(PasswordHashes.hash("demo")).as("a second hash, with another salt").isNotEqualTo(hash);
    assertThat(PasswordHashes.matches("demo", "plain-text")).isFalse();
  }
}
