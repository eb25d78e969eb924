package cn.relief.forms;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.form.FieldViolation;
import cn.relief.engine.form.FormSchema;
import cn.relief.engine.form.FormValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of the forms of cross-province escort, resettlement and street patrol. */
class CentreFormsTest {
  private static final Path FORMS = Path.of("src", "main", "resources", "forms");

  private static List<String> violations(String formId, Map<String, Object> values) throws IOException {
    FormSchema form = FormSchema.parse(Files.readAllBytes(FORMS.resolve(formId + ".form")));
    return FormValidator.validate(form, values).stream().map(FieldViolation::field).toList();
  }

  private static Map<String, Object> escortPlan() {
    return new HashMap<>(Map.of("receivingProvince", "湖南省", "handoverPoint", "湖南省救助管理站（长沙）",
        "escortDate", "2026-12-05", "escortStaff", "王强、李敏", "vehicle", "粤A·J1234"));
  }

  @Test
  void anEscortPlanNamesAProvinceAndEveryPartOfTheEscort() throws IOException {
    assertThat(violations("escort-plan", escortPlan())).isEmpty();
    Map<String, Object> plan = escortPlan();
    plan.put("receivingProvince", "湖南");
    plan.remove("handoverPoint");
    plan.put("vehicle", "");
    assertThat(violations("escort-plan", plan)).containsExactlyInAnyOrder("receivingProvince", "handoverPoint", "vehicle");
  }

  @Test
  void aHandoverNeedsTheReceiverAndTheReceipt() throws IOException {
    Map<String, Object> handover = new HashMap<>(Map.of("receivingAgency", "长沙市救助管理站", "handedOverTo", "赵六",
        "handoverDate", "2026-12-05", "receiptNo", "HN-JJ-0042"));
    assertThat(violations("escort-handover", handover)).isEmpty();
    handover.remove("receiptNo");
    handover.remove("handoverDate");
    assertThat(violations("escort-handover", handover)).containsExactlyInAnyOrder("receiptNo", "handoverDate");
  }

  @Test
  void aPlacementPlanAndItsApprovalAreComplete() throws IOException {
    assertThat(violations("resettlement-plan", Map.of("institution", "武汉市社会福利院", "hukouAddress", "武汉市江岸区解放大道1号",
        "placementPlan", "安置于武汉市社会福利院，由院方照料"))).isEmpty();
    assertThat(violations("resettlement-plan", Map.of("institution", "院", "placementPlan", "太短")))
        .containsExactlyInAnyOrder("institution", "hukouAddress", "placementPlan");
    assertThat(violations("resettlement-approval", Map.of("approvalDecision", "APPROVED", "approvalNo", "江政复〔2027〕12号")))
        .isEmpty();
    assertThat(violations("resettlement-approval", Map.of("approvalDecision", "MAYBE")))
        .containsExactlyInAnyOrder("approvalDecision", "approvalNo");
  }

  @Test
  void everyDiscoveryOfAPatrolSaysWhereAndWho() throws IOException {
    Map<String, Object> found = new HashMap<>(Map.of("location", "天河路人行天桥下", "description", "男，约45岁",
        "acceptsHelp", false, "adviceGiven", "已告知求助热线"));
    Map<String, Object> round = new HashMap<>(Map.of("patrolArea", "天河区体育西路", "province", "广东省",
        "patrolTeam", "陈刚、刘芳", "discoveries", List.of(found)));
    assertThat(violations("patrol-record", round)).isEmpty();

    round.put("discoveries", List.of(found, Map.of("acceptsHelp", true)));
    round.put("province", "广东");
    assertThat(violations("patrol-record", round))
        .containsExactlyInAnyOrder("province", "discoveries[1].location", "discoveries[1].description");
  }
}
