package cn.relief.engine.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.record.Record;
import cn.relief.engine.record.RecordType;
import cn.relief.engine.record.UserRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.EngineState;
import cn.relief.engine.state.EventAppliers;
import cn.relief.engine.state.IdentityState;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Credentials are verified with a slow hash: once per header, also when many callers arrive at once. */
class BasicAuthenticatorTest {
  private static final String DEMO = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));

  @Test
  void concurrentCallsWithTheSameCredentialsShareOneVerification() throws Exception {
    BasicAuthenticator authenticator = new BasicAuthenticator(() -> IDENTITY);
    int callers = 16; // as many as a restarted engine gets at once from its workers
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Optional<String>>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return authenticator.authenticate(DEMO);
        }));
      }
      start.countDown();
      for (Future<Optional<String>> result : results) {
        assertThat(result.get()).contains("demo");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(authenticator.verifications()).isEqualTo(1);
  }

  @Test
  void wrongCredentialsAreVerifiedAgainEachTime() {
    BasicAuthenticator authenticator = new BasicAuthenticator(() -> IDENTITY);
    String wrong = "Basic " + Base64.getEncoder().encodeToString("demo:guess".getBytes(StandardCharsets.UTF_8));
    assertThat(authenticator.authenticate(wrong)).isEmpty();
    assertThat(authenticator.authenticate(wrong)).isEmpty();
    assertThat(authenticator.authenticate(DEMO)).contains("demo");
    assertThat(authenticator.verifications()).isEqualTo(3);
  }

  /** The user demo with the password demo, as the engine's appliers record her. */
  private static final IdentityState IDENTITY = identityWithDemoUser();

  private static IdentityState identityWithDemoUser() {
    EngineState state = new EngineState(1);
    new EventAppliers(state, null, new ObjectMapper()).apply(new Record(1, 1, RecordType.EVENT, ValueType.USER,
        "CREATED", null, null, 0, new UserRecord("demo", "Demo", null, PasswordHashes.hash("demo"))));
    return state.identity();
  }

}
