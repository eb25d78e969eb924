package cn.relief.processes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.api.EngineApi.DeployResource;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 跨省护送 as the regional centre runs it when its escalation process calls it: plan, notice to the
 * receiving province, booking, hand-over and the hand-over form; the caller gets the outcome and the
 * form's document id back.
 */
class CrossProvinceEscortScenarioTest extends CentreScenarioTest {

  /** A caller like {@code regional-escalation}: the call activity and the contract's output mappings. */
  private static final String CALLER = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
      xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_caller" targetNamespace="https://relief.cn/test">
        <bpmn:process id="escort-caller" isExecutable="true">
          <bpmn:startEvent id="StartEvent_caller" />
          <bpmn:callActivity id="CallActivity_escort">
            <bpmn:extensionElements>
              <zeebe:calledElement processId="cross-province-escort" propagateAllChildVariables="false" />
              <zeebe:ioMapping>
                <zeebe:output source="=escortOutcome" target="escortOutcome" />
                <zeebe:output source="=handoverDocumentId" target="handoverDocumentId" />
              </zeebe:ioMapping>
            </bpmn:extensionElements>
          </bpmn:callActivity>
          <bpmn:endEvent id="EndEvent_caller" />
          <bpmn:sequenceFlow id="f1" sourceRef="StartEvent_caller" targetRef="CallActivity_escort" />
          <bpmn:sequenceFlow id="f2" sourceRef="CallActivity_escort" targetRef="EndEvent_caller" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  @Test
  void thePersonIsEscortedToTheHandoverPointAndTheCallerGetsTheHandoverForm() throws Exception {
    engine.deploy(List.of(new DeployResource("escort-caller.bpmn", CALLER.getBytes(StandardCharsets.UTF_8))), TENANT)
        .get(30, TimeUnit.SECONDS);
    Map<String, Object> contract = new HashMap<>(Map.of("caseNumber", "JZ-GD-00000101", "province", "广东省",
        "destination", "湖南省邵阳市", "fullName", "李四", "age", 72, "gender", "MALE"));
    start("escort-caller", contract);

    complete("UserTask_escortPlan", Map.of("receivingProvince", "湖南省", "handoverPoint", "湖南省救助管理站（长沙）",
        "escortDate", "2026-12-05", "escortStaff", "王强、李敏", "vehicle", "粤A·J1234"), "regional-centre");
    ActivatedJob notice = job("relief.escort-notification", Map.of("escortNotificationNo", "TZ-000101"));
    assertThat(notice.variables()).containsEntry("receivingProvince", "湖南省")
        .containsEntry("handoverPoint", "湖南省救助管理站（长沙）").containsEntry("escortDate", "2026-12-05")
        .containsEntry("province", "广东省").containsEntry("fullName", "李四").containsEntry("caseNumber", "JZ-GD-00000101");
    ActivatedJob booking = job("relief.cross-province-escort-booking",
        Map.of("escortBookingNo", "HS-000101", "handoverPoint", "湖南省救助管理站（长沙）"));
    assertThat(booking.variables()).containsEntry("escortStaff", "王强、李敏").containsEntry("vehicle", "粤A·J1234");

    // the hand-over is due by the end of the escort day of the plan
    var handover = awaitRecord(r -> r.valueType() == cn.relief.engine.record.ValueType.USER_TASK
        && r.intent().equals("CREATED") && ((cn.relief.engine.record.UserTaskRecord) r.value()).elementId()
        .equals("UserTask_handover"));
    assertThat(java.time.OffsetDateTime.parse(((cn.relief.engine.record.UserTaskRecord) handover.value()).dueDate()))
        .isEqualTo(java.time.OffsetDateTime.parse("2026-12-05T23:59:59+08:00"));
    complete("UserTask_handover", Map.of("receivingAgency", "长沙市救助管理站", "handedOverTo", "赵六",
        "handoverDate", "2026-12-05", "receiptNo", "HN-JJ-0042"), "regional-centre");
    String documentId = "JZ-GD-00000101/ServiceTask_handoverDocument_1-escort_handover.pdf";
    ActivatedJob form = job("relief.notice-pdf", Map.of("noticeDocumentId", documentId));
    assertThat(form.variables()).containsEntry("noticeKind", "ESCORT_HANDOVER").containsEntry("departureDate", "2026-12-05")
        .containsEntry("fullName", "李四");
    assertThat((String) form.variables().get("reason")).contains("广东省", "湖南省", "湖南省救助管理站（长沙）");
    assertThat((String) form.variables().get("note")).contains("王强、李敏", "粤A·J1234", "HS-000101", "TZ-000101",
        "长沙市救助管理站", "赵六", "HN-JJ-0042");

    awaitCompleted("escort-caller");
    assertThat(variable(instance, "escortOutcome")).isEqualTo("HANDED_OVER");
    assertThat(variable(instance, "handoverDocumentId")).isEqualTo(documentId);
    assertThat(passed()).contains("UserTask_escortPlan", "ServiceTask_notifyReceivingProvince", "ServiceTask_bookEscort",
        "UserTask_handover", "ServiceTask_handoverDocument", "EndEvent_handedOver", "CallActivity_escort");
  }

  @Test
  void theEngineRefusesAPlanWithoutAProvinceOrHandoverPoint() throws Exception {
    start("cross-province-escort", Map.of("caseNumber", "JZ-GD-00000102", "province", "广东省", "destination", "四川省",
        "fullName", "王五", "age", 15, "gender", "FEMALE"));
    var created = awaitRecord(r -> r.valueType() == cn.relief.engine.record.ValueType.USER_TASK
        && r.intent().equals("CREATED") && ((cn.relief.engine.record.UserTaskRecord) r.value()).elementId()
        .equals("UserTask_escortPlan"));
    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> engine.completeUserTask(created.key(),
        Map.of("receivingProvince", "四川", "escortDate", "2026-12-05", "escortStaff", "王强", "vehicle", "粤A·J1234"),
        "complete").get(5, TimeUnit.SECONDS));
    assertThat(refused).isNotNull();
    assertThat(refused.getCause().getMessage()).contains("receivingProvince", "handoverPoint");
  }
}
