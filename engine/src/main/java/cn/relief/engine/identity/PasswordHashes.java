package cn.relief.engine.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow password hashes (PBKDF2 with HMAC-SHA512, from the JDK), stored as
 * {@code pbkdf2-sha512$iterations$salt$hash}. The iteration count is part of the stored value, so
 * it can be raised later without invalidating existing hashes. Hashing is deliberately expensive:
 * it runs on the callers' threads, never on the engine's writer thread, and verified credentials
 * are cached by {@link BasicAuthenticator}.
 */
public final class PasswordHashes {
  private static final String SCHEME = "pbkdf2-sha512";
  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA512. */
  private static final int ITERATIONS = 210_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 512;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHashes() {}

  public static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return SCHEME + "$" + ITERATIONS + "$" + encode(salt) + "$" + encode(derive(password, salt, ITERATIONS));
  }

  /** True if {@code password} is the one {@code stored} was made from; compares in constant time. */
  public static boolean matches(String password, String stored) {
    if (password == null || stored == null) {
      return false;
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    return MessageDigest.isEqual(derive(password, salt, Integer.parseInt(parts[1])), expected);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK lacks PBKDF2WithHmacSHA512, which every Java 17 runtime has", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static String encode(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }

  static String digest(String text) {
    try {
      return encode(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK lacks SHA-256", e);
    }
  }
}
