package cn.relief.engine.processing.command;

import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.processing.bpmn.VariableBehavior;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.record.VariableDocumentRecord;
import cn.relief.engine.state.ElementInstance;
import java.util.Map;

/** SetVariables: a document merged into a scope, locally or propagated upwards. */
public final class VariableDocumentProcessor {
  private final VariableBehavior variables;

  public VariableDocumentProcessor(VariableBehavior variables) {
    this.variables = variables;
  }

  public long update(CommandContext ctx, long scopeKey, Map<String, Object> document, boolean local) {
    ElementInstance scope = ctx.state().elementInstances().get(scopeKey);
    if (scope == null) {
      throw Rejections.notFound(Intent.VariableDocument.UPDATE,
          "Expected to update variables for element with key '%d', but no such element was found", scopeKey);
    }
    long key = ctx.state().keys().nextKey();
    ctx.writer().appendEvent(key, ValueType.VARIABLE_DOCUMENT, Intent.VariableDocument.UPDATED,
        new VariableDocumentRecord(scopeKey, local ? "LOCAL" : "PROPAGATE", document));
    if (local) {
      variables.mergeLocal(ctx, scopeKey, scope.value(), document);
    } else {
      variables.mergePropagate(ctx, scopeKey, scope.value(), document);
    }
    return key;
  }
}
