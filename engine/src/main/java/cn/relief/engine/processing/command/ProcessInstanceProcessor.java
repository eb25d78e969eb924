package cn.relief.engine.processing.command;

import cn.relief.engine.api.EngineApi.CreateProcessInstance;
import cn.relief.engine.api.EngineApi.ProcessInstanceInfo;
import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.processing.bpmn.BpmnElementContext;
import cn.relief.engine.processing.bpmn.BpmnElementProcessors;
import cn.relief.engine.processing.bpmn.VariableBehavior;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ProcessInstanceCreationRecord;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.DeployedProcess;
import cn.relief.engine.state.ElementInstance;
import java.util.Map;

/** Creates process instances and cancels them. */
public final class ProcessInstanceProcessor {
  private final BpmnElementProcessors processors;
  private final VariableBehavior variables;

  public ProcessInstanceProcessor(BpmnElementProcessors processors, VariableBehavior variables) {
    this.processors = processors;
    this.variables = variables;
  }

  public ProcessInstanceInfo create(CommandContext ctx, CreateProcessInstance command) {
    DeployedProcess process = findProcess(ctx, command);
    if (process.executable().noneStartEvent() == null) {
      throw Rejections.invalidArgument(Intent.ProcessInstanceCreation.CREATE,
          "Expected to create instance of process with none start event, but there is no such event");
    }
    long key = ctx.state().keys().nextKey();
    ProcessInstanceRecord record = ProcessInstanceRecord.ofProcess(process.key(), process.record(), key, -1, -1);
    ctx.writer().appendEvent(key, ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_ACTIVATING, record);
    Map<String, Object> document = command.variables() == null ? Map.of() : command.variables();
    variables.mergeLocal(ctx, key, record, document);
    ctx.writer().appendEvent(key, ValueType.PROCESS_INSTANCE_CREATION, Intent.ProcessInstanceCreation.CREATED,
        new ProcessInstanceCreationRecord(process.record().bpmnProcessId(), process.record().version(), process.key(),
            key, document, process.record().tenantId()));
    processors.retryActivation(new BpmnElementContext(ctx, key, record, process.executable().root()));
    return new ProcessInstanceInfo(key, process.key(), process.record().bpmnProcessId(), process.record().version(),
        process.record().tenantId());
  }

  private static DeployedProcess findProcess(CommandContext ctx, CreateProcessInstance command) {
    if (command.processDefinitionKey() > 0) {
      DeployedProcess process = ctx.state().processes().byKey(command.processDefinitionKey());
      if (process == null) {
        throw Rejections.notFound(Intent.ProcessInstanceCreation.CREATE,
            "Expected to find process definition with key '%d', but none found", command.processDefinitionKey());
      }
      return process;
    }
    String id = command.bpmnProcessId();
    if (id == null || id.isBlank()) {
      throw Rejections.invalidArgument(Intent.ProcessInstanceCreation.CREATE,
          "Expected at least a bpmnProcessId or a key greater than -1, but none given");
    }
    if (command.version() < 0) {
      DeployedProcess latest = ctx.state().processes().latest(id);
      if (latest == null) {
        throw Rejections.notFound(Intent.ProcessInstanceCreation.CREATE,
            "Expected to find process definition with process ID '%s', but none found", id);
      }
      return latest;
    }
    DeployedProcess version = ctx.state().processes().byIdAndVersion(id, command.version());
    if (version == null) {
      throw Rejections.notFound(Intent.ProcessInstanceCreation.CREATE,
          "Expected to find process definition with process ID '%s' and version '%d', but none found",
          id, command.version());
    }
    return version;
  }

  public void cancel(CommandContext ctx, long processInstanceKey) {
    ElementInstance instance = ctx.state().elementInstances().get(processInstanceKey);
    if (instance == null || instance.value().bpmnElementType() != BpmnElementType.PROCESS) {
      throw Rejections.notFound(Intent.ProcessInstance.CANCEL,
          "Expected to cancel a process instance with key '%d', but no such process was found", processInstanceKey);
    }
    if (instance.value().parentProcessInstanceKey() > 0) {
      throw Rejections.invalidState(Intent.ProcessInstance.CANCEL,
          "Expected to cancel a process instance with key '%d', but it is created by a parent process instance. "
              + "Cancel the root process instance '%d' instead.", processInstanceKey, rootOf(ctx, instance));
    }
    if (!instance.state().isActive()) {
      throw Rejections.invalidState(Intent.ProcessInstance.CANCEL,
          "Expected to cancel a process instance with key '%d', but it is already %s", processInstanceKey,
          instance.state());
    }
    processors.terminate(processors.contextOf(ctx, instance));
  }

  private static long rootOf(CommandContext ctx, ElementInstance instance) {
    ElementInstance current = instance;
    while (current.value().parentProcessInstanceKey() > 0) {
      ElementInstance parent = ctx.state().elementInstances().get(current.value().parentProcessInstanceKey());
      if (parent == null) {
        return current.value().parentProcessInstanceKey();
      }
      current = parent;
    }
    return current.key();
  }
}
