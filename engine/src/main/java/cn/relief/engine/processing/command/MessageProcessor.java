package cn.relief.engine.processing.command;

import cn.relief.engine.api.EngineApi.CorrelateMessage;
import cn.relief.engine.api.EngineApi.MessageCorrelationInfo;
import cn.relief.engine.api.EngineApi.PublishMessage;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.processing.bpmn.MessageCorrelationBehavior;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.MessageCorrelationRecord;
import cn.relief.engine.record.MessageRecord;
import cn.relief.engine.record.ValueType;
import java.util.List;
import java.util.Map;

/**
 * Publishes messages: correlated at once to what waits for them, and buffered for their time to
 * live so that a subscription opened later still gets them (a reply from the police that arrives
 * before the case waits for it is not lost). Also correlates messages without buffering, for
 * callers that need to know which instance took the message.
 */
public final class MessageProcessor {
  private final MessageCorrelationBehavior correlation;

  public MessageProcessor(MessageCorrelationBehavior correlation) {
    this.correlation = correlation;
  }

  public long publish(CommandContext ctx, PublishMessage command) {
    if (command.name() == null || command.name().isBlank()) {
      throw Rejections.invalidArgument(Intent.Message.PUBLISH, "Expected a message name, but it was empty");
    }
    String correlationKey = command.correlationKey() == null ? "" : command.correlationKey();
    long ttl = command.timeToLive() == null ? 0 : Math.max(0, command.timeToLive().toMillis());
    if (ctx.state().messages().existsWithId(command.tenantId(), command.name(), correlationKey, command.messageId())) {
      throw Rejections.alreadyExists(Intent.Message.PUBLISH,
          "Expected to publish a new message with id '%s', but a message with that id was already published",
          command.messageId());
    }
    long key = ctx.state().keys().nextKey();
    MessageRecord message = new MessageRecord(command.name(), correlationKey, ttl,
        command.messageId() == null ? "" : command.messageId(),
        command.variables() == null ? Map.of() : command.variables(), ctx.now() + ttl, command.tenantId());
    ctx.writer().appendEvent(key, ValueType.MESSAGE, Intent.Message.PUBLISHED, message);
    correlation.correlate(ctx, key, message);
    if (ttl == 0) {
      // nothing can catch it later: a zero time to live expires at once
      ctx.writer().appendEvent(key, ValueType.MESSAGE, Intent.Message.EXPIRED, message);
    }
    return key;
  }

  /** Correlates a message now or rejects it with NOT_FOUND; it is never buffered. */
  public MessageCorrelationInfo correlate(CommandContext ctx, CorrelateMessage command) {
    if (command.name() == null || command.name().isBlank()) {
      throw Rejections.invalidArgument(Intent.MessageCorrelation.CORRELATE, "Expected a message name, but it was empty");
    }
    String correlationKey = command.correlationKey() == null ? "" : command.correlationKey();
    Map<String, Object> variables = command.variables() == null ? Map.of() : command.variables();
    MessageRecord message = new MessageRecord(command.name(), correlationKey, 0, "", variables, ctx.now(),
        command.tenantId());
    if (!correlation.wouldCorrelate(ctx, message)) {
      throw Rejections.notFound(Intent.MessageCorrelation.CORRELATE,
          "Expected to find subscription for message with name '%s' and correlation key '%s', but none was found.",
          command.name(), correlationKey);
    }
    long key = ctx.state().keys().nextKey();
    List<Long> reached = correlation.correlate(ctx, key, message);
    long processInstanceKey = reached.isEmpty() ? -1 : reached.get(0);
    ctx.writer().appendEvent(key, ValueType.MESSAGE_CORRELATION, Intent.MessageCorrelation.CORRELATED,
        new MessageCorrelationRecord(command.name(), correlationKey, variables, key, processInstanceKey,
            command.tenantId()));
    return new MessageCorrelationInfo(key, processInstanceKey, command.tenantId());
  }
}
