package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.Mapping;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.record.VariableRecord;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.EngineState;
import cn.relief.engine.state.VariableState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Variables as Zeebe defines them: each element instance is a scope; reading sees the scope and
 * its ancestors (inner names shadow outer ones); merging a document "propagates" each variable to
 * the nearest scope that already has it, or creates it in the process instance's root scope.
 */
public final class VariableBehavior {
  private final ExpressionLanguage expressions;
  private final ObjectMapper json;

  public VariableBehavior(ExpressionLanguage expressions, ObjectMapper json) {
    this.expressions = expressions;
    this.json = json;
  }

  /** All variables visible from a scope, for evaluating expressions. */
  public Map<String, Object> visible(EngineState state, long scopeKey) {
    Map<String, Object> result = new HashMap<>();
    long current = scopeKey;
    while (current > 0) {
      for (Map.Entry<String, VariableState.Variable> entry : state.variables().local(current).entrySet()) {
        result.putIfAbsent(entry.getKey(), entry.getValue().value());
      }
      ElementInstance instance = state.elementInstances().get(current);
      current = instance == null ? -1 : instance.parentKey();
    }
    return result;
  }

  /** The named variables visible from a scope, or all of them when {@code names} is empty. */
  public Map<String, Object> fetch(EngineState state, long scopeKey, List<String> names) {
    Map<String, Object> all = visible(state, scopeKey);
    if (names == null || names.isEmpty()) {
      return all;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (String name : names) {
      if (all.containsKey(name)) {
        result.put(name, all.get(name));
      }
    }
    return result;
  }

  public void setLocal(CommandContext ctx, long scopeKey, ProcessInstanceRecord owner, String name, Object value) {
    VariableState.Variable existing = ctx.state().variables().get(scopeKey, name);
    String text = toJson(value);
    VariableRecord record = new VariableRecord(name, text, scopeKey, owner.processInstanceKey(),
        owner.processDefinitionKey(), owner.bpmnProcessId(), owner.tenantId());
    if (existing == null) {
      ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.VARIABLE, Intent.Variable.CREATED, record);
    } else if (!Objects.equals(existing.value(), parse(text))) {
      ctx.writer().appendEvent(existing.key(), ValueType.VARIABLE, Intent.Variable.UPDATED, record);
    }
  }

  public void mergeLocal(CommandContext ctx, long scopeKey, ProcessInstanceRecord owner, Map<String, Object> document) {
    if (document != null) {
      document.forEach((name, value) -> setLocal(ctx, scopeKey, owner, name, value));
    }
  }

  /** Propagates each variable from {@code startScopeKey} upwards, creating it at the root if new. */
  public void mergePropagate(CommandContext ctx, long startScopeKey, ProcessInstanceRecord owner, Map<String, Object> document) {
    if (document == null) {
      return;
    }
    for (Map.Entry<String, Object> entry : document.entrySet()) {
      long target = owner.processInstanceKey();
      long current = startScopeKey;
      while (current > 0) {
        if (ctx.state().variables().get(current, entry.getKey()) != null) {
          target = current;
          break;
        }
        ElementInstance instance = ctx.state().elementInstances().get(current);
        current = instance == null ? -1 : instance.parentKey();
      }
      setLocal(ctx, target, owner, entry.getKey(), entry.getValue());
    }
  }

  /**
   * Evaluates input mappings in the element instance's context (which, before the mappings, holds
   * only what its multi-instance body gave it: the input element and the loop counter) and sets the
   * results as local variables of the element instance. Returns the failure message, or null.
   */
  public String applyInputMappings(BpmnElementContext element) {
    List<Mapping> mappings = element.element().inputMappings();
    if (mappings.isEmpty()) {
      return null;
    }
    CommandContext ctx = element.command();
    Map<String, Object> context = visible(ctx.state(), element.key());
    Map<String, Object> results = new LinkedHashMap<>();
    for (Mapping mapping : mappings) {
      EvaluationResult result = expressions.evaluate(mapping.source(), merged(context, results));
      if (result.isFailure()) {
        return result.failure();
      }
      assign(results, context, mapping.target(), result.value());
    }
    mergeLocal(ctx, element.key(), element.record(), results);
    return null;
  }

  /**
   * Evaluates output mappings in the element's context and propagates the results from the flow
   * scope. Returns the failure message, or null.
   */
  public String applyOutputMappings(BpmnElementContext element) {
    List<Mapping> mappings = element.element().outputMappings();
    if (mappings.isEmpty()) {
      return null;
    }
    CommandContext ctx = element.command();
    Map<String, Object> context = visible(ctx.state(), element.key());
    Map<String, Object> results = new LinkedHashMap<>();
    for (Mapping mapping : mappings) {
      EvaluationResult result = expressions.evaluate(mapping.source(), context);
      if (result.isFailure()) {
        return result.failure();
      }
      Map<String, Object> outer = visible(ctx.state(), element.flowScopeKey());
      assign(results, outer, mapping.target(), result.value());
    }
    mergePropagate(ctx, element.flowScopeKey(), element.record(), results);
    return null;
  }

  private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> overrides) {
    if (overrides.isEmpty()) {
      return base;
    }
    Map<String, Object> result = new HashMap<>(base);
    result.putAll(overrides);
    return result;
  }

  /** Sets {@code target}, which may be a path like {@code a.b.c} into (a copy of) a context. */
  @SuppressWarnings("unchecked")
  private static void assign(Map<String, Object> results, Map<String, Object> existing, String target, Object value) {
    String[] path = target.split("\\.");
    if (path.length == 1) {
      results.put(target, value);
      return;
    }
    Object rootValue = results.containsKey(path[0]) ? results.get(path[0]) : existing.get(path[0]);
    Map<String, Object> root = rootValue instanceof Map<?, ?> map ? deepCopy((Map<String, Object>) map) : new LinkedHashMap<>();
    Map<String, Object> current = root;
    for (int i = 1; i < path.length - 1; i++) {
      Object next = current.get(path[i]);
      Map<String, Object> child = next instanceof Map<?, ?> map ? deepCopy((Map<String, Object>) map) : new LinkedHashMap<>();
      current.put(path[i], child);
      current = child;
    }
    current.put(path[path.length - 1], value);
    results.put(path[0], root);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> source) {
    Map<String, Object> copy = new LinkedHashMap<>();
    source.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
    return copy;
  }

  public String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Variable value cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /** Parses JSON the way the appliers do, so that equality checks compare like with like. */
  private Object parse(String text) {
    try {
      return json.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON written by the engine could not be read back", e);
    }
  }
}
