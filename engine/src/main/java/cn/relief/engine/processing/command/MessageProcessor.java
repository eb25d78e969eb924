package cn.relief.engine.processing.command;

import cn.relief.engine.api.EngineApi.PublishMessage;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.MessageRecord;
import cn.relief.engine.record.ValueType;
import java.util.Map;

/**
 * Publishes messages. They are buffered for their time to live even when nothing waits for them
 * yet, so that a reply from the police that arrives early is not lost (catching comes in E2).
 */
public final class MessageProcessor {

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
    if (ttl == 0) {
      // nothing can catch it later: a zero time to live expires at once
      ctx.writer().appendEvent(key, ValueType.MESSAGE, Intent.Message.EXPIRED, message);
    }
    return key;
  }
}
