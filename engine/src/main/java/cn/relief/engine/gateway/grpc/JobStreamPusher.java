package cn.relief.engine.gateway.grpc;

import cn.relief.engine.api.EngineApi;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one StreamActivatedJobs call to an engine job stream: pushes each job the engine
 * activated for the stream to the worker, and closes the engine stream once the call ends.
 *
 * <p>Pushes arrive on engine threads, possibly several at once, while gRPC requires that messages
 * of one call are sent one at a time; sending is therefore serialized on {@link #sendLock}. A push
 * that cannot be delivered returns false so that the engine makes the job activatable again instead
 * of leaving it locked until its timeout; once the call is ready again the engine pushes the jobs
 * still waiting ({@link #onReady()}).
 */
final class JobStreamPusher implements EngineApi.JobConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(JobStreamPusher.class);

  private final ServerCallStreamObserver<ActivatedJob> call;
  private final Object sendLock = new Object();

  // Guarded by this: the engine stream may be opened after the call was already cancelled, and
  // the cancel handler may run before openJobStream returns.
  private EngineApi.JobStream engineStream;
  private boolean ended;
  /** A push was refused because the call was not ready: the engine is asked for jobs once it is. */
  private final AtomicBoolean starved = new AtomicBoolean();

  JobStreamPusher(ServerCallStreamObserver<ActivatedJob> call) {
    this.call = call;
  }

  /** Hands over the engine stream; closes it at once if the call ended while it was opening. */
  void attach(EngineApi.JobStream stream) {
    boolean closeNow;
    synchronized (this) {
      engineStream = stream;
      closeNow = ended;
    }
    if (closeNow) {
      stream.close();
    }
  }

  /** The call ended (client cancelled, transport failed or server shut down). Idempotent. */
  void end() {
    EngineApi.JobStream toClose;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      toClose = engineStream;
    }
    if (toClose != null) {
      try {
        toClose.close();
      } catch (RuntimeException e) {
        LOG.warn("Failed to close engine job stream", e);
      }
    }
  }

  /**
   * gRPC's on-ready handler: the call can send again. If it refused jobs meanwhile, those went to
   * the pollers, which a worker that only streams hardly runs: the engine pushes the waiting ones.
   */
  void onReady() {
    if (!starved.compareAndSet(true, false)) {
      return;
    }
    EngineApi.JobStream stream;
    synchronized (this) {
      stream = ended ? null : engineStream;
    }
    if (stream != null) {
      stream.ready();
    }
  }

  /**
   * Jobs this call refused are activatable again. If the call became ready before they were (its
   * on-ready came too early to pick them up), the engine is asked for them now; otherwise the next
   * on-ready asks.
   */
  @Override
  public void yielded() {
    starved.set(true);
    if (call.isReady()) {
      onReady();
    }
  }

  @Override
  public boolean push(EngineApi.ActivatedJob job) {
    final ActivatedJob message;
    try {
      message = GatewayMessages.activatedJob(job);
    } catch (RuntimeException e) {
      LOG.error("Could not convert job {} for a job stream", job.key(), e);
      return false;
    }
    synchronized (sendLock) {
      if (isEnded() || call.isCancelled()) {
        return false;
      }
      // Not ready means the worker (or the network) is not keeping up and gRPC would just buffer
      // the job in memory. Refusing it lets the engine give it to another worker or to a poll; the
      // Camunda client keeps polling alongside streaming, so the job is not stranded.
      if (!call.isReady()) {
        starved.set(true);
        return false;
      }
      try {
        call.onNext(message);
        return true;
      } catch (RuntimeException e) {
        LOG.debug("Failed to push job {} to a job stream; closing the stream", job.key(), e);
        closeCallQuietly();
      }
    }
    // The call is broken. Close the engine stream off this thread: we are inside the engine's push
    // and closing re-enters it.
    CompletableFuture.runAsync(this::end);
    return false;
  }

  private void closeCallQuietly() {
    try {
      call.onError(Status.INTERNAL.withDescription("Failed to push a job to the stream").asRuntimeException());
    } catch (RuntimeException e) {
      // Already cancelled or closed: nothing left to tell the worker.
    }
  }

  private synchronized boolean isEnded() {
    return ended;
  }
}
