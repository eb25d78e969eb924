package cn.relief.engine.processing;

import cn.relief.engine.EngineConfiguration;
import cn.relief.engine.api.Caller;
import cn.relief.engine.api.CallerContext;
import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.api.RejectionType;
import cn.relief.engine.audit.AuditChain;
import cn.relief.engine.audit.AuditEntry;
import cn.relief.engine.audit.AuditJson;
import cn.relief.engine.audit.AuditRequest;
import cn.relief.engine.bpmn.BpmnTransformer;
import cn.relief.engine.dmn.DmnTransformer;
import cn.relief.engine.log.EventLog;
import cn.relief.engine.log.EventLogException;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.EngineState;
import cn.relief.engine.state.EventAppliers;
import cn.relief.engine.state.JobState;
import cn.relief.engine.state.StateSnapshots;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of a partition. It takes queued commands in batches and processes them one by
 * one against the in-memory state; a second thread commits each batch's records in one transaction
 * (group commit) and only then runs the batch's side effects: replies, job pushes, long-poll
 * wake-ups. Processing the next batch overlaps with committing the previous one, as in Zeebe, where
 * processing runs ahead of the log's commit but nothing leaves the engine before it is durable.
 *
 * <p>Each audited command gets an audit entry, chained to the previous one on this thread, that
 * travels with its batch and is committed in the same transaction as the batch's records.
 *
 * <p>If processing hits a bug or a commit fails, nothing of the affected batches is answered
 * positively and the state is rebuilt from the log, so memory never stays ahead of what is durable.
 */
public final class StreamProcessor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamProcessor.class);
  /** Batches processed but not yet committed; bounds how far processing runs ahead. */
  private static final int MAX_PENDING_BATCHES = 4;

  /** Offers a newly activatable job to a job stream; returns true if a stream took it. */
  @FunctionalInterface
  public interface JobStreamOffer {
    boolean offer(CommandContext ctx, long jobKey, String type);
  }

  /** What the engine holds, for health checks and benchmarks. */
  public record Statistics(
      int processDefinitions, int elementInstances, int jobs, int incidents, int messages, long lastPosition, int queued) {}

  /**
   * A command waiting for the writer. {@code audit} is null for commands that are not audited; the
   * caller and the time are taken at submit, on the caller's thread, where the gateway set them.
   */
  private record Queued<T>(ValueType valueType, Enum<?> intent, CommandHandler<T> handler, CompletableFuture<T> reply,
      boolean internal, AuditRequest audit, String auditRequestJson, Caller caller, long submittedAt) {}

  /**
   * A processed batch on its way to the log, with the audit entries of its commands, possibly
   * followed by a snapshot of the state after it.
   */
  private record PendingBatch(List<Record> records, List<AuditEntry> auditEntries, List<Runnable> sideEffects,
      List<Runnable> refusalEffects, Set<String> typesWithWaitingJobs, List<Queued<?>> commands, long snapshotPosition, byte[] snapshot,
      long snapshotMillis) {}

  private final EngineConfiguration config;
  private final EventLog log;
  private final BpmnTransformer transformer;
  private final DmnTransformer dmnTransformer;
  private final ObjectMapper json;
  private final JobStreamOffer streamOffer;
  private final Consumer<String> longPollWakeUp;
  private volatile Consumer<List<Record>> committedListener = records -> { };
  private volatile LongSupplier pacing = () -> 0;
  private final BlockingQueue<Queued<?>> queue;
  private final BlockingQueue<PendingBatch> toCommit = new ArrayBlockingQueue<>(MAX_PENDING_BATCHES);
  private final AtomicLong handedOver = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();
  private final Thread thread;
  private final Thread committer;
  private volatile boolean running;
  private volatile boolean committing;
  private volatile boolean commitFailed;
  private volatile EngineState state;
  private RecordWriter writer;
  private AuditChain auditChain;
  private List<AuditEntry> auditEntries = new ArrayList<>();
  /** What to do if the batch being processed is refused ({@link CommandContext#ifRefused}). */
  private List<Runnable> refusalEffects = new ArrayList<>();
  private long lastSnapshotPosition;

  public StreamProcessor(EngineConfiguration config, EventLog log, BpmnTransformer transformer,
      DmnTransformer dmnTransformer, ObjectMapper json, JobStreamOffer streamOffer, Consumer<String> longPollWakeUp) {
    this.config = config;
    this.log = log;
    this.transformer = transformer;
    this.dmnTransformer = dmnTransformer;
    this.json = json;
    this.streamOffer = streamOffer;
    this.longPollWakeUp = longPollWakeUp;
    // internal commands get headroom above the limit for callers
    this.queue = new ArrayBlockingQueue<>(config.maxQueuedCommands() + 10_000);
    this.thread = new Thread(this::run, "engine-partition-" + config.partitionId());
    this.committer = new Thread(this::commitLoop, "engine-commit-" + config.partitionId());
  }

  /** Told about every committed batch of records (the history projection); must not block. */
  /**
   * Before each batch the writer waits as many milliseconds as {@code pause} says (0: none): lets
   * a reader of the committed log that fell behind (the history projection) catch up, by leaving
   * it the CPU. Commands queue meanwhile and are taken in larger batches.
   */
  public void pacedBy(LongSupplier pause) {
    this.pacing = pause;
  }

  public void onCommitted(Consumer<List<Record>> listener) {
    this.committedListener = listener;
  }

  public void start() throws EventLogException {
    rebuildState();
    running = true;
    committing = true;
    committer.start();
    thread.start();
  }

  public Statistics statistics() {
    EngineState s = state;
    return new Statistics(s.processes().count(), s.elementInstances().count(), s.jobs().count(),
        s.incidents().count(), s.messages().count(), s.lastPosition(), queue.size());
  }

  /**
   * Queues a command that the audit trail does not record (job activations, yields); refused with
   * RESOURCE_EXHAUSTED when too many are waiting.
   */
  public <T> CompletableFuture<T> submit(ValueType valueType, Enum<?> intent, CommandHandler<T> handler) {
    return submit(valueType, intent, null, handler);
  }

  /**
   * Queues a command from a caller and records it in the audit trail, attributed to the caller
   * {@link CallerContext} holds on this thread, with the outcome of its processing; refused with
   * RESOURCE_EXHAUSTED when too many are waiting (not recorded: it never reached the engine).
   */
  public <T> CompletableFuture<T> submit(
      ValueType valueType, Enum<?> intent, AuditRequest audit, CommandHandler<T> handler) {
    CompletableFuture<T> reply = new CompletableFuture<>();
    if (!running) {
      reply.completeExceptionally(new CommandRejectedException(RejectionType.UNAVAILABLE, intent.name(),
          "The engine is not running; retry when it has started"));
      return reply;
    }
    Queued<T> command = queued(valueType, intent, handler, reply, false, audit, CallerContext.current());
    if (queue.size() >= config.maxQueuedCommands() || !queue.offer(command)) {
      reply.completeExceptionally(new CommandRejectedException(RejectionType.RESOURCE_EXHAUSTED, intent.name(),
          "Expected to handle the command, but the engine is at its limit of " + config.maxQueuedCommands()
              + " queued commands; retry later"));
    }
    return reply;
  }

  /** Queues the engine's own work (due dates, yields); dropped silently if even the headroom is full. */
  public void submitInternal(ValueType valueType, Enum<?> intent, CommandHandler<Void> handler) {
    if (running) {
      queue.offer(queued(valueType, intent, handler, new CompletableFuture<>(), true, null, Caller.ENGINE));
    }
  }

  /**
   * Queues an operation of the engine itself that the audit trail records, attributed to {@link
   * Caller#ENGINE} (e.g. a retention purge). The future completes when the entry (and whatever
   * the handler wrote) is committed; it fails if the engine is not running or too busy.
   */
  public CompletableFuture<Void> submitInternal(
      ValueType valueType, Enum<?> intent, AuditRequest audit, CommandHandler<Void> handler) {
    return submitOperation(valueType, intent, audit, Caller.ENGINE, handler);
  }

  private CompletableFuture<Void> submitOperation(
      ValueType valueType, Enum<?> intent, AuditRequest audit, Caller caller, CommandHandler<Void> handler) {
    CompletableFuture<Void> reply = new CompletableFuture<>();
    if (!running || !queue.offer(queued(valueType, intent, handler, reply, true, audit, caller))) {
      reply.completeExceptionally(new CommandRejectedException(RejectionType.UNAVAILABLE, intent.name(),
          "Expected to queue the engine's own operation, but the engine is not running or its queue is full"));
    }
    return reply;
  }

  /**
   * Records an operation the engine did outside the command stream (a retention purge) in the
   * audit trail as {@link Caller#ENGINE}; completes when the entry is committed. It writes no
   * records: it only takes its place in the chain, which only the writer thread extends.
   */
  public CompletableFuture<Void> recordEngineOperation(AuditRequest operation) {
    return recordOperation(operation, Caller.ENGINE);
  }

  /**
   * Records an operation done outside the command stream on behalf of {@code caller} (a purge an
   * administrator asked for); as {@link #recordEngineOperation} otherwise.
   */
  public CompletableFuture<Void> recordOperation(AuditRequest operation, Caller caller) {
    return submitOperation(null, EngineOperation.RECORD, operation, caller,
        (ctx, reply) -> ctx.afterCommit(() -> reply.complete(null)));
  }

  /**
   * Records a call a gateway refused (a user without the permission it needs) in the audit trail,
   * as a REJECTED entry with the reason: who tried what is part of the trail too.
   */
  public CompletableFuture<Void> recordRefusal(AuditRequest operation, Caller caller, String reason) {
    return submitOperation(null, EngineOperation.RECORD, operation, caller, (ctx, reply) -> {
      ctx.auditAsRefused(new CommandRejectedException(RejectionType.FORBIDDEN, operation.operation(), reason));
      ctx.afterCommit(() -> reply.complete(null));
    });
  }

  /** The batch operations that have not ended; a concurrent map, so the batch runner may read it. */
  public java.util.Collection<cn.relief.engine.state.BatchOperationState.Batch> batches() {
    return state.batches().all();
  }

  /** The identity part of the current state; concurrent maps, so gateway threads may read it. */
  public cn.relief.engine.state.IdentityState identity() {
    return state.identity();
  }

  /** The engine's current time (pinned by a test, or the system's), in epoch milliseconds. */
  public long now() {
    return state.clock().now();
  }

  /** The intent of {@link #recordEngineOperation}; it has no value type, as it never writes or rejects a record. */
  private enum EngineOperation { RECORD }

  private <T> Queued<T> queued(ValueType valueType, Enum<?> intent, CommandHandler<T> handler,
      CompletableFuture<T> reply, boolean internal, AuditRequest audit, Caller caller) {
    // the request is written as JSON here, on the caller's thread, to keep the writer thread free of it
    String requestJson = audit == null ? null : AuditJson.write(json, audit.data());
    return new Queued<>(valueType, intent, handler, reply, internal, audit, requestJson, caller,
        audit == null ? 0 : System.currentTimeMillis());
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    join(thread);
    committing = false; // the committer commits what was handed over, then stops
    join(committer);
    List<Queued<?>> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(q -> q.reply().completeExceptionally(
        new CommandRejectedException(RejectionType.UNAVAILABLE, q.intent().name(), "The engine is shutting down")));
  }

  private static void join(Thread thread) {
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Queued<?>> batch = new ArrayList<>(config.maxBatchSize());
    while (running) {
      try {
        Queued<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (commitFailed) {
          recoverAfterCommitFailure();
        }
        if (first == null) {
          continue;
        }
        long pause = pacing.getAsLong();
        if (pause > 0) {
          Thread.sleep(pause);
        }
        batch.add(first);
        queue.drainTo(batch, config.maxBatchSize() - 1);
        processBatch(batch);
      } catch (InterruptedException e) {
        failAll(batch, e);
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException | Error e) {
        LOG.error("Unexpected failure while processing commands; rebuilding state from the log", e);
        failAll(batch, e);
        runRefusalEffects(refusalEffects);
        refusalEffects = new ArrayList<>();
        awaitCommitted();
        rebuildUntilDone();
      } finally {
        batch.clear();
      }
    }
  }

  private void processBatch(List<Queued<?>> batch) throws InterruptedException {
    List<Runnable> sideEffects = new ArrayList<>();
    Set<String> typesWithWaitingJobs = new LinkedHashSet<>();
    for (Queued<?> command : batch) {
      writer.setNow(state.clock().now()); // the system clock, or the time a test pinned it to
      processOne(command, sideEffects, typesWithWaitingJobs);
    }
    List<Record> records = writer.takeBatch();
    List<AuditEntry> audited = auditEntries;
    auditEntries = new ArrayList<>();
    List<Runnable> ifRefused = refusalEffects;
    refusalEffects = new ArrayList<>();
    byte[] snapshot = null;
    long snapshotMillis = 0;
    long position = state.lastPosition();
    if (config.snapshotInterval() > 0 && position - lastSnapshotPosition >= config.snapshotInterval()) {
      long started = System.nanoTime();
      snapshot = takeSnapshot();
      snapshotMillis = (System.nanoTime() - started) / 1_000_000;
      lastSnapshotPosition = position;
    }
    PendingBatch pending = new PendingBatch(
        records, audited, sideEffects, ifRefused, typesWithWaitingJobs, List.copyOf(batch), position, snapshot, snapshotMillis);
    handedOver.incrementAndGet();
    toCommit.put(pending); // blocks when the log falls behind: processing never runs far ahead
  }

  private void commitLoop() {
    while (committing || !toCommit.isEmpty()) {
      PendingBatch pending;
      try {
        pending = toCommit.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (pending == null) {
        continue;
      }
      try {
        commit(pending);
      } finally {
        finished.incrementAndGet();
      }
    }
  }

  private void commit(PendingBatch pending) {
    if (commitFailed) {
      // built on a batch that never reached the log: refuse it too; the writer rebuilds its state
      failAll(pending.commands(), new IllegalStateException("an earlier commit failed"));
      runRefusalEffects(pending.refusalEffects());
      return;
    }
    try {
      log.append(pending.records(), pending.auditEntries());
    } catch (EventLogException | RuntimeException e) {
      LOG.error("Could not commit a batch of {} records; its commands are refused", pending.records().size(), e);
      commitFailed = true;
      failAll(pending.commands(), e);
      runRefusalEffects(pending.refusalEffects());
      return;
    }
    for (Runnable sideEffect : pending.sideEffects()) {
      try {
        sideEffect.run();
      } catch (RuntimeException e) {
        LOG.warn("A side effect after commit failed", e);
      }
    }
    pending.typesWithWaitingJobs().forEach(longPollWakeUp);
    try {
      committedListener.accept(pending.records());
    } catch (RuntimeException e) {
      LOG.warn("The listener of committed records failed; it catches up from the log", e);
    }
    if (pending.snapshot() != null) {
      // written after the batch (and every earlier one) is committed: it never covers a lost record
      try {
        log.writeSnapshot(pending.snapshotPosition(), pending.snapshot());
        LOG.info("Snapshot of the engine state at position {} stored ({} bytes, taken in {} ms)",
            pending.snapshotPosition(), pending.snapshot().length, pending.snapshotMillis());
      } catch (EventLogException e) {
        LOG.warn("Could not store a snapshot at position {}; the next one will be tried later",
            pending.snapshotPosition(), e);
      }
    }
  }

  private byte[] takeSnapshot() {
    try {
      return StateSnapshots.take(state, json);
    } catch (IOException e) {
      LOG.warn("Could not take a snapshot of the engine state", e);
      return null;
    }
  }

  /** Waits until every batch handed to the committer is committed or refused. */
  private void awaitCommitted() {
    while (finished.get() < handedOver.get()) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void recoverAfterCommitFailure() {
    awaitCommitted();
    rebuildUntilDone();
    commitFailed = false;
  }

  private <T> void processOne(Queued<T> command, List<Runnable> sideEffects, Set<String> typesWithWaitingJobs) {
    int before = writer.batchSize();
    long firstPosition = state.lastPosition() + 1;
    CommandContext ctx = new CommandContext(state, writer, sideEffects, refusalEffects);
    try {
      command.handler().process(ctx, command.reply());
      ctx.runAgenda();
    } catch (CommandRejectedException rejection) {
      if (writer.batchSize() != before) {
        throw new IllegalStateException("A command was rejected after it had written events", rejection);
      }
      writer.appendRejection(-1, command.valueType(), command.intent(), rejection.type(), rejection.getMessage(), null);
      audit(command, ctx, AuditEntry.REJECTED, rejection.type().name(), rejection.getMessage(), firstPosition);
      sideEffects.add(() -> command.reply().completeExceptionally(rejection));
      return;
    }
    if (ctx.auditRefusal() != null) {
      audit(command, ctx, AuditEntry.REJECTED, ctx.auditRefusal().type().name(), ctx.auditRefusal().getMessage(), null);
    } else {
      audit(command, ctx, AuditEntry.ACCEPTED, null, null, writer.batchSize() != before ? firstPosition : null);
    }
    // A job yielded because a stream could not take it goes to the pollers; pushing it to a stream
    // again would loop between the writer and a stream that does not keep up.
    boolean mayPush = command.intent() != Intent.Job.YIELDED;
    for (long jobKey : writer.drainNewlyActivatableJobs()) {
      JobState.Job job = state.jobs().get(jobKey);
      if (job == null || job.state() != JobState.State.ACTIVATABLE) {
        continue;
      }
      if (!mayPush || !streamOffer.offer(ctx, jobKey, job.record().type())) {
        typesWithWaitingJobs.add(job.record().type());
      }
    }
    // stream activations write events too; nothing else may become activatable through them
    writer.drainNewlyActivatableJobs();
  }

  private void audit(Queued<?> command, CommandContext ctx, String outcome, String rejectionType,
      String rejectionMessage, Long firstPosition) {
    if (command.audit() == null) {
      return;
    }
    Map<String, Object> target = command.audit().target();
    if (!ctx.producedKeys().isEmpty()) {
      target = new LinkedHashMap<>(target);
      target.putAll(ctx.producedKeys());
    }
    auditEntries.add(auditChain.append(command.submittedAt(), command.caller(), command.audit().operation(),
        AuditJson.write(json, target), command.auditRequestJson(), outcome, rejectionType, rejectionMessage,
        firstPosition));
  }

  private static void runRefusalEffects(List<Runnable> effects) {
    for (Runnable effect : effects) {
      try {
        effect.run();
      } catch (RuntimeException e) {
        LOG.warn("Undoing a promise of a refused batch failed", e);
      }
    }
  }

  private void failAll(List<Queued<?>> batch, Throwable cause) {
    for (Queued<?> command : batch) {
      command.reply().completeExceptionally(new CommandRejectedException(RejectionType.UNAVAILABLE,
          command.intent().name(), "The engine could not process the command (" + cause.getMessage() + "); retry it"));
    }
  }

  private void rebuildUntilDone() {
    long backoff = 100;
    while (running || state == null) {
      try {
        rebuildState();
        return;
      } catch (EventLogException e) {
        LOG.error("Could not rebuild the engine state from the log; retrying in {} ms", backoff, e);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private void rebuildState() throws EventLogException {
    long started = System.nanoTime();
    EngineState fresh = new EngineState(config.partitionId());
    EventAppliers appliers = new EventAppliers(fresh, transformer, dmnTransformer, json);
    long[] count = new long[1];
    Consumer<Record> apply = record -> {
      appliers.apply(record);
      count[0]++;
    };
    Optional<EventLog.StoredSnapshot> snapshot = log.latestSnapshot();
    long from = 0;
    if (snapshot.isPresent()) {
      log.replayDefinitionsUpTo(snapshot.get().position(), apply);
      try {
        from = StateSnapshots.restore(fresh, snapshot.get().state(), json);
      } catch (IOException e) {
        throw new EventLogException("Could not read the snapshot at position " + snapshot.get().position(), e);
      }
      log.replayAfter(from, apply);
    } else {
      log.replay(apply);
    }
    this.writer = new RecordWriter(fresh, appliers);
    // the audit chain continues from what is committed: entries of refused batches are gone with them
    this.auditChain = AuditChain.continuing(log.lastAuditEntry());
    this.auditEntries = new ArrayList<>();
    this.state = fresh;
    this.lastSnapshotPosition = from;
    LOG.info("Engine state rebuilt from {} in {} ms: {} records replayed, last position {}",
        snapshot.isPresent() ? "the snapshot at position " + from : "the whole log",
        (System.nanoTime() - started) / 1_000_000, count[0], fresh.lastPosition());
  }
}
