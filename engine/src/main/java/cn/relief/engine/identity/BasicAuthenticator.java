package cn.relief.engine.identity;

import cn.relief.engine.record.UserRecord;
import cn.relief.engine.state.IdentityState;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>Concurrent calls with the same header wait for one verification instead of each running
 * their own. After a restart (empty cache) every worker's polls, completions and retries arrive
 * at once with the same credentials; each verifying on its own took the two cores of the fault
 * suite's machine for tens of seconds (a verification measured 1.5-6 s under that load), and the
 * restarted engine answered nothing meanwhile. Identical concurrent guesses share one verification
 * too; different guesses each pay their own.
 */
public final class BasicAuthenticator {
  static final long CACHE_MILLIS = 60_000;
  private static final int MAX_CACHED = 10_000;

  private record Verified(String username, String passwordHash, long until) {}

  private final Supplier<IdentityState> identity;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  /** Verifications running, by cache key: the one that other calls with the same header wait for. */
  private final Map<String, CompletableFuture<Optional<String>>> verifying = new ConcurrentHashMap<>();
  private final AtomicLong verifications = new AtomicLong();

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
    Optional<String> cached = cached(cacheKey, now);
    return cached.isPresent() ? cached : verifyOnce(cacheKey, header.substring(6).trim(), now);
  }

  /** The user a header was verified for, while that holds. */
  private Optional<String> cached(String cacheKey, long now) {
    Verified cached = verified.get(cacheKey);
    if (cached != null && cached.until() > now) {
      UserRecord user = identity.get().user(cached.username());
      if (user != null && user.passwordHash().equals(cached.passwordHash())) {
        return Optional.of(cached.username());
      }
      verified.remove(cacheKey);
    }
    return Optional.empty();
  }

  /** Password verifications run so far (each a slow hash), for tests. */
  long verifications() {
    return verifications.get();
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

  private Optional<String> verifyOnce(String cacheKey, String encoded, long now) {
    CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<String>> running = verifying.putIfAbsent(cacheKey, mine);
    if (running != null) {
      return running.join();
    }
    try {
      // a verification may have ended between this call's look at the cache and now
      Optional<String> user = cached(cacheKey, now);
      if (user.isEmpty()) {
        Optional<UserRecord> verifiedUser = verify(encoded);
        // remembered before this verification stops being the one to wait for: a call arriving
        // after it finds the cache filled
        verifiedUser.ifPresent(u -> remember(cacheKey, u, now));
        user = verifiedUser.map(UserRecord::username);
      }
      mine.complete(user);
      return user;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      verifying.remove(cacheKey, mine);
    }
  }

  private void remember(String cacheKey, UserRecord user, long now) {
    if (verified.size() >= MAX_CACHED) {
      verified.clear(); // crude, but bounded; the cache refills with the callers that are active
    }
    verified.put(cacheKey, new Verified(user.username(), user.passwordHash(), now + CACHE_MILLIS));
  }

  private Optional<UserRecord> verify(String encoded) {
    verifications.incrementAndGet();
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
