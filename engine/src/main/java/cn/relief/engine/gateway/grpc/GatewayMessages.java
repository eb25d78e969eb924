package cn.relief.engine.gateway.grpc;

import cn.relief.engine.api.EngineApi;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UserTaskProperties;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BrokerInfo;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DecisionMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DecisionRequirementsMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Deployment;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecision;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FormMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionInput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionOutput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MatchedDecisionRule;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Partition;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import java.util.ArrayList;
import java.util.List;

/** Builds the gateway protocol's response messages from the engine API's result records. */
final class GatewayMessages {
  /** The tenant every resource belongs to while multi-tenancy is off, as Zeebe names it. */
  static final String DEFAULT_TENANT = "<default>";

  /**
   * Upper bound for one ActivateJobsResponse. The Camunda client accepts 5 MiB messages by default;
   * staying below 4 MiB leaves room for framing and matches our own inbound limit.
   */
  static final int MAX_JOBS_RESPONSE_BYTES = 4 * 1024 * 1024 - 64 * 1024;

  private GatewayMessages() {}

  static String tenant(String tenantId) {
    return tenantId == null || tenantId.isEmpty() ? DEFAULT_TENANT : tenantId;
  }

  static List<String> tenants(List<String> tenantIds) {
    return tenantIds.isEmpty() ? List.of(DEFAULT_TENANT) : List.copyOf(tenantIds);
  }

  static TopologyResponse topology(EngineApi.TopologyInfo info) {
    BrokerInfo.Builder broker = BrokerInfo.newBuilder()
        .setNodeId(info.nodeId())
        .setHost(nullToEmpty(info.host()))
        .setPort(info.port())
        .setVersion(nullToEmpty(info.version()));
    // A single node leads every partition; there is no replication to report.
    for (int partitionId : info.partitionIds()) {
      broker.addPartitions(Partition.newBuilder()
          .setPartitionId(partitionId)
          .setRole(Partition.PartitionBrokerRole.LEADER)
          .setHealth(Partition.PartitionBrokerHealth.HEALTHY));
    }
    return TopologyResponse.newBuilder()
        .addBrokers(broker)
        .setClusterSize(1)
        .setPartitionsCount(info.partitionsCount())
        .setReplicationFactor(1)
        .setGatewayVersion(nullToEmpty(info.version()))
        .build();
  }

  static DeployResourceResponse deployment(EngineApi.DeploymentInfo info) {
    String deploymentTenant = tenant(info.tenantId());
    DeployResourceResponse.Builder response = DeployResourceResponse.newBuilder()
        .setKey(info.deploymentKey())
        .setTenantId(deploymentTenant);
    for (EngineApi.DeployedProcess process : info.processes()) {
      response.addDeployments(Deployment.newBuilder()
          .setProcess(ProcessMetadata.newBuilder()
              .setBpmnProcessId(process.bpmnProcessId())
              .setVersion(process.version())
              .setProcessDefinitionKey(process.processDefinitionKey())
              .setResourceName(nullToEmpty(process.resourceName()))
              .setTenantId(process.tenantId() == null || process.tenantId().isEmpty()
                  ? deploymentTenant
                  : process.tenantId())));
    }
    for (EngineApi.DeployedDecision decision : info.decisions()) {
      response.addDeployments(Deployment.newBuilder()
          .setDecision(DecisionMetadata.newBuilder()
              .setDmnDecisionId(decision.decisionId())
              .setDmnDecisionName(nullToEmpty(decision.decisionName()))
              .setVersion(decision.version())
              .setDecisionKey(decision.decisionKey())
              .setDmnDecisionRequirementsId(decision.decisionRequirementsId())
              .setDecisionRequirementsKey(decision.decisionRequirementsKey())
              .setTenantId(tenantOr(decision.tenantId(), deploymentTenant))));
    }
    for (EngineApi.DeployedDecisionRequirements drg : info.decisionRequirements()) {
      response.addDeployments(Deployment.newBuilder()
          .setDecisionRequirements(DecisionRequirementsMetadata.newBuilder()
              .setDmnDecisionRequirementsId(drg.decisionRequirementsId())
              .setDmnDecisionRequirementsName(nullToEmpty(drg.decisionRequirementsName()))
              .setVersion(drg.version())
              .setDecisionRequirementsKey(drg.decisionRequirementsKey())
              .setResourceName(nullToEmpty(drg.resourceName()))
              .setTenantId(tenantOr(drg.tenantId(), deploymentTenant))));
    }
    for (EngineApi.DeployedForm form : info.forms()) {
      response.addDeployments(Deployment.newBuilder()
          .setForm(FormMetadata.newBuilder()
              .setFormId(form.formId())
              .setVersion(form.version())
              .setFormKey(form.formKey())
              .setResourceName(nullToEmpty(form.resourceName()))
              .setTenantId(tenantOr(form.tenantId(), deploymentTenant))));
    }
    return response.build();
  }

  /** A failed evaluation is a normal response with the failure, as Zeebe answers it. */
  static EvaluateDecisionResponse decisionEvaluation(EngineApi.DecisionEvaluationInfo info) {
    EvaluateDecisionResponse.Builder response = EvaluateDecisionResponse.newBuilder()
        .setDecisionKey(info.decisionKey())
        .setDecisionId(nullToEmpty(info.decisionId()))
        .setDecisionName(nullToEmpty(info.decisionName()))
        .setDecisionVersion(info.decisionVersion())
        .setDecisionRequirementsId(nullToEmpty(info.decisionRequirementsId()))
        .setDecisionRequirementsKey(info.decisionRequirementsKey())
        .setDecisionOutput(nullToEmpty(info.decisionOutput()))
        .setFailedDecisionId(nullToEmpty(info.failedDecisionId()))
        .setFailureMessage(nullToEmpty(info.failureMessage()))
        .setTenantId(tenant(info.tenantId()))
        .setDecisionInstanceKey(info.decisionEvaluationKey())
        .setDecisionEvaluationKey(info.decisionEvaluationKey());
    for (EngineApi.EvaluatedDecision decision : info.evaluatedDecisions()) {
      EvaluatedDecision.Builder evaluated = EvaluatedDecision.newBuilder()
          .setDecisionKey(decision.decisionKey())
          .setDecisionId(nullToEmpty(decision.decisionId()))
          .setDecisionName(nullToEmpty(decision.decisionName()))
          .setDecisionVersion(decision.decisionVersion())
          .setDecisionType(nullToEmpty(decision.decisionType()))
          .setDecisionOutput(nullToEmpty(decision.decisionOutput()))
          .setTenantId(tenant(decision.tenantId()))
          .setDecisionEvaluationInstanceKey(nullToEmpty(decision.evaluationInstanceKey()));
      for (EngineApi.EvaluatedDecisionInput input : decision.evaluatedInputs()) {
        evaluated.addEvaluatedInputs(EvaluatedDecisionInput.newBuilder()
            .setInputId(nullToEmpty(input.inputId()))
            .setInputName(nullToEmpty(input.inputName()))
            .setInputValue(nullToEmpty(input.inputValue())));
      }
      for (EngineApi.MatchedDecisionRule rule : decision.matchedRules()) {
        MatchedDecisionRule.Builder matched = MatchedDecisionRule.newBuilder()
            .setRuleId(nullToEmpty(rule.ruleId()))
            .setRuleIndex(rule.ruleIndex());
        for (EngineApi.EvaluatedDecisionOutput output : rule.evaluatedOutputs()) {
          matched.addEvaluatedOutputs(EvaluatedDecisionOutput.newBuilder()
              .setOutputId(nullToEmpty(output.outputId()))
              .setOutputName(nullToEmpty(output.outputName()))
              .setOutputValue(nullToEmpty(output.outputValue())));
        }
        evaluated.addMatchedRules(matched);
      }
      response.addEvaluatedDecisions(evaluated);
    }
    return response.build();
  }

  private static String tenantOr(String tenantId, String fallback) {
    return tenantId == null || tenantId.isEmpty() ? fallback : tenantId;
  }

  static CreateProcessInstanceResponse createdInstance(EngineApi.ProcessInstanceInfo info) {
    return CreateProcessInstanceResponse.newBuilder()
        .setProcessInstanceKey(info.processInstanceKey())
        .setProcessDefinitionKey(info.processDefinitionKey())
        .setBpmnProcessId(nullToEmpty(info.bpmnProcessId()))
        .setVersion(info.version())
        .setTenantId(tenant(info.tenantId()))
        .build();
  }

  static CreateProcessInstanceWithResultResponse instanceResult(EngineApi.ProcessInstanceResult result) {
    EngineApi.ProcessInstanceInfo info = result.instance();
    return CreateProcessInstanceWithResultResponse.newBuilder()
        .setProcessInstanceKey(info.processInstanceKey())
        .setProcessDefinitionKey(info.processDefinitionKey())
        .setBpmnProcessId(nullToEmpty(info.bpmnProcessId()))
        .setVersion(info.version())
        .setTenantId(tenant(info.tenantId()))
        .setVariables(JsonVariables.write(result.variables()))
        .build();
  }

  static ActivatedJob activatedJob(EngineApi.ActivatedJob job) {
    ActivatedJob.Builder builder = ActivatedJob.newBuilder()
        .setKey(job.key())
        .setType(nullToEmpty(job.type()))
        .setProcessInstanceKey(job.processInstanceKey())
        .setBpmnProcessId(nullToEmpty(job.bpmnProcessId()))
        .setProcessDefinitionVersion(job.processDefinitionVersion())
        .setProcessDefinitionKey(job.processDefinitionKey())
        .setElementId(nullToEmpty(job.elementId()))
        .setElementInstanceKey(job.elementInstanceKey())
        .setCustomHeaders(JsonVariables.write(job.customHeaders()))
        .setWorker(nullToEmpty(job.worker()))
        .setRetries(job.retries())
        .setDeadline(job.deadline())
        .setVariables(JsonVariables.write(job.variables()))
        .setTenantId(tenant(job.tenantId()))
        // set always: the enum's zero value is ASSIGNING, which would make every job a listener's
        .setKind(ActivatedJob.JobKind.valueOf(job.kind()))
        .setListenerEventType(ActivatedJob.ListenerEventType.valueOf(job.listenerEventType()));
    if (job.userTask() != null) {
      builder.setUserTask(userTaskProperties(job.userTask()));
    }
    return builder.build();
  }

  private static UserTaskProperties userTaskProperties(EngineApi.UserTaskProperties task) {
    UserTaskProperties.Builder properties = UserTaskProperties.newBuilder()
        .setUserTaskKey(task.userTaskKey())
        .setAction(nullToEmpty(task.action()))
        .addAllCandidateGroups(task.candidateGroups())
        .addAllCandidateUsers(task.candidateUsers())
        .addAllChangedAttributes(task.changedAttributes() == null ? List.of() : task.changedAttributes())
        .setPriority(task.priority());
    if (task.assignee() != null) {
      properties.setAssignee(task.assignee());
    }
    if (task.dueDate() != null) {
      properties.setDueDate(task.dueDate());
    }
    if (task.followUpDate() != null) {
      properties.setFollowUpDate(task.followUpDate());
    }
    if (task.formKey() != null) {
      properties.setFormKey(task.formKey());
    }
    return properties.build();
  }

  /**
   * Packs activated jobs into as few responses as the message size allows; usually one. A job that
   * alone exceeds the limit still gets its own response (the client will then report the size).
   */
  static List<ActivateJobsResponse> jobBatches(List<ActivatedJob> jobs) {
    List<ActivateJobsResponse> batches = new ArrayList<>();
    ActivateJobsResponse.Builder current = ActivateJobsResponse.newBuilder();
    int currentBytes = 0;
    for (ActivatedJob job : jobs) {
      // Field tag + length prefix are at most 6 bytes per repeated entry.
      int jobBytes = job.getSerializedSize() + 6;
      if (current.getJobsCount() > 0 && currentBytes + jobBytes > MAX_JOBS_RESPONSE_BYTES) {
        batches.add(current.build());
        current = ActivateJobsResponse.newBuilder();
        currentBytes = 0;
      }
      current.addJobs(job);
      currentBytes += jobBytes;
    }
    if (current.getJobsCount() > 0) {
      batches.add(current.build());
    }
    return batches;
  }

  static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
