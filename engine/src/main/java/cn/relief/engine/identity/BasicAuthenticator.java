package cn.relief.engine.identity;

import cn.relief.engine.record.UserRecord;
import cn.relief.engine.state.IdentityState;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Checks HTTP basic credentials (what the Camunda client sends with {@code
 * camunda.client.auth.method=basic}, on REST and gRPC alike) against the users of the engine's
 * identity state.
 *
 * <p>Verifying a password hash costs tens of milliseconds on purpose, which every call would pay;
 * so a verified header is remembered for {@link #CACHE_MILLIS}, keyed by a digest of the header
 * (the password itself is never kept). An entry holds only while the user's stored hash is the
 * one it was verified against: changing the password or deleting the user ends it at once.
 * Wrong credentials are not cached, so guessing stays slow.
 *
 * <p>Callers presenting the same header while it is being verified wait for that one verification
 * instead of each verifying it again: a busy client has many calls in flight, and when its entry
 * expires they would otherwise all miss at once and hash the password concurrently (found by
 * {@code SoakIT}: a hundred REST calls in flight stalled the engine's two cores for seconds every
 * minute, and the calls that queued meanwhile made the next miss larger still).
 */
public final class BasicAuthenticator {
  static final long CACHE_MILLIS = 60_000;
  private static final int MAX_CACHED = 10_000;

  private record Verified(String username, String passwordHash, long until) {}

  private final Supplier<IdentityState> identity;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Optional<UserRecord>>> verifying = new ConcurrentHashMap<>();

  public BasicAuthenticator(Supplier<IdentityState> identity) {
    this.identity = identity;
  }

  /** The user name of an accepted {@code Authorization} header value, or empty. */
  public Optional<String> authenticate(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String cacheKey = PasswordHashes.digest(header.substring(6).trim());
    long now = System.currentTimeMillis();
    Verified cached = verified.get(cacheKey);
    if (cached != null && cached.until() > now) {
      UserRecord user = identity.get().user(cached.username());
      if (user != null && user.passwordHash().equals(cached.passwordHash())) {
        return Optional.of(cached.username());
      }
      verified.remove(cacheKey);
    }
    return verifyOnce(cacheKey, header.substring(6).trim(), now).map(UserRecord::username);
  }

  /** The user name a basic {@code Authorization} header claims, unchecked; null if it names none. */
  static String username(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Verifies the credentials, or waits for the verification of the same header already running. */
  private Optional<UserRecord> verifyOnce(String cacheKey, String encoded, long now) {
    CompletableFuture<Optional<UserRecord>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<UserRecord>> running = verifying.putIfAbsent(cacheKey, mine);
    if (running != null) {
      return running.join();
    }
    try {
      Optional<UserRecord> user = verify(encoded);
      // cached before the verification is given up, so that no caller in between verifies again
      user.ifPresent(u -> {
        if (verified.size() >= MAX_CACHED) {
          verified.clear(); // crude, but bounded; the cache refills with the callers that are active
        }
        verified.put(cacheKey, new Verified(u.username(), u.passwordHash(), now + CACHE_MILLIS));
      });
      mine.complete(user);
      return user;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      verifying.remove(cacheKey, mine);
    }
  }

  private Optional<UserRecord> verify(String encoded) {
    final String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    UserRecord user = identity.get().user(decoded.substring(0, colon));
    if (user == null || !PasswordHashes.matches(decoded.substring(colon + 1), user.passwordHash())) {
      return Optional.empty();
    }
    return Optional.of(user);
  }
}
