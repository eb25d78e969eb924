package cn.relief.processes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.dmn.DecisionEvaluator;
import cn.relief.engine.dmn.DecisionResult;
import cn.relief.engine.dmn.DmnTransformer;
import cn.relief.engine.dmn.ExecutableDecisionRequirements;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision tables decide as the rules of DOMAIN.md say, evaluated by the engine's DMN support. */
class DecisionTablesTest {
  private static final DecisionEvaluator EVALUATOR = new DecisionEvaluator();

  private static Object evaluate(String decisionId, Map<String, Object> variables) {
    byte[] resource = Models.dmn().get(decisionId + ".dmn");
    ExecutableDecisionRequirements drg = new DmnTransformer().transform(decisionId + ".dmn", resource).requirements();
    DecisionResult result = EVALUATOR.evaluate(drg, decisionId, variables);
    assertThat(result.failureMessage()).as(decisionId).isNull();
    return result.output();
  }

  private static Map<String, Object> person() {
    Map<String, Object> person = new HashMap<>();
    person.put("canGiveInformation", true);
    person.put("refusesTrueInformation", false);
    person.put("canPayFoodAndLodging", false);
    person.put("hasSupport", false);
    person.put("onSubsistenceAllowance", false);
    person.put("livingByVagrancyOrBegging", true);
    person.put("cause", "VAGRANCY_OR_BEGGING");
    return person;
  }

  @SuppressWarnings("unchecked")
  private static String admission(Map<String, Object> person) {
    Map<String, Object> output = (Map<String, Object>) evaluate("admission", person);
    assertThat((String) output.get("reason")).isNotBlank();
    return (String) output.get("admission");
  }

  @Test
  void admissionFollowsTheImplementingRules() {
    assertThat(admission(person())).isEqualTo("ELIGIBLE");

    Map<String, Object> cannotTell = person();
    cannotTell.put("canGiveInformation", false);
    assertThat(admission(cannotTell)).isEqualTo("AID_FIRST_CHECK_LATER");

    for (String reason : List.of("refusesTrueInformation", "canPayFoodAndLodging", "hasSupport",
        "onSubsistenceAllowance")) {
      Map<String, Object> refused = person();
      refused.put(reason, true);
      assertThat(admission(refused)).as(reason).isEqualTo("REFUSED");
    }

    Map<String, Object> notVagrant = person();
    notVagrant.put("livingByVagrancyOrBegging", false);
    notVagrant.put("cause", "OTHER");
    assertThat(admission(notVagrant)).isEqualTo("REFUSED");
    // the people the 2024 notice adds are eligible without vagrancy or begging
    notVagrant.put("cause", "STRANDED_MIGRANT_WORKER");
    assertThat(admission(notVagrant)).isEqualTo("ELIGIBLE");
    // a minor the police or a court hands over as victim or witness of a case (涉案未成年人)
    notVagrant.put("cause", "MINOR_IN_CASE");
    notVagrant.put("age", 13);
    assertThat(admission(notVagrant)).isEqualTo("ELIGIBLE");
  }

  @Test
  @SuppressWarnings("unchecked")
  void repeatVagrancyIsSeenByTheAdmissionAndStillAdmitted() {
    Map<String, Object> again = person();
    again.put("keyPersonRisk", "REPEATED_VAGRANCY");
    Map<String, Object> output = (Map<String, Object>) evaluate("admission", again);
    assertThat(output).containsEntry("admission", "ELIGIBLE");
    assertThat((String) output.get("reason")).contains("反复流浪", "加密回访");
    Map<String, Object> flagged = person();
    flagged.put("repeatVagrancy", true);
    assertThat((String) ((Map<String, Object>) evaluate("admission", flagged)).get("reason")).contains("反复流浪");
    // who can pay is still refused, repeat or not
    again.put("canPayFoodAndLodging", true);
    assertThat(admission(again)).isEqualTo("REFUSED");
    assertThat((String) ((Map<String, Object>) evaluate("admission", person())).get("reason"))
        .doesNotContain("反复流浪");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> placement(Map<String, Object> inputs) {
    Map<String, Object> all = new HashMap<>(Map.of("needsMedicalCare", false, "isMinor", false, "needsShelter", false,
        "ownFreeBeds", 5, "ownMedicalCare", false, "ownMinorsQuarters", false, "ownShelter", false));
    all.putAll(inputs);
    return (Map<String, Object>) evaluate("placement", all);
  }

  @Test
  void placementGoesElsewhereWhenTheStationIsFullOrLacksWhatIsNeeded() {
    assertThat(placement(Map.of())).containsEntry("placement", "OWN_STATION").containsEntry("requiredCapability", "NONE");
    assertThat(placement(Map.of("ownFreeBeds", 0))).containsEntry("placement", "OTHER_STATION")
        .containsEntry("requiredCapability", "BED");
    assertThat(placement(Map.of("isMinor", true))).containsEntry("requiredCapability", "MINORS_QUARTERS");
    assertThat(placement(Map.of("isMinor", true, "ownMinorsQuarters", true))).containsEntry("placement", "OWN_STATION");
    assertThat(placement(Map.of("needsMedicalCare", true))).containsEntry("requiredCapability", "MEDICAL_CARE");
    assertThat(placement(Map.of("needsShelter", true, "ownShelter", true, "ownFreeBeds", 0)))
        .as("a shelter but no bed").containsEntry("requiredCapability", "BED");
    assertThat(placement(Map.of("needsShelter", true))).containsEntry("requiredCapability", "SHELTER");
    assertThat((String) placement(Map.of()).get("reason")).isNotBlank();
  }

  @Test
  void admissionTreatsUnansweredQuestionsAsNo() {
    assertThat(admission(Map.of("livingByVagrancyOrBegging", true))).isEqualTo("ELIGIBLE");
    assertThat(admission(Map.of())).isEqualTo("REFUSED");
  }

  @Test
  @SuppressWarnings("unchecked")
  void timeLimitsHaveANationalDefaultForAnyProvince() {
    for (String province : new String[] {"广东省", "新疆维吾尔自治区", "示例"}) {
      Map<String, Object> limits = (Map<String, Object>) evaluate("time-limits", Map.of("province", province));
      assertThat(limits).containsEntry("stayLimit", "P10D").containsEntry("dnaRequestWorkingDays", 7L)
          .containsEntry("resettlementAfter", "P3M").containsEntry("noticeWithin", "PT24H")
          .containsEntry("noticeRefreshAfter", "P1M").containsEntry("returnFareCashCap", 20L);
    }
    Map<String, Object> unknown = new HashMap<>();
    unknown.put("province", null);
    assertThat((Map<String, Object>) evaluate("time-limits", unknown)).containsEntry("stayLimit", "P10D");
  }

  @Test
  void linkagesCollectEveryApplicableAssistance() {
    Map<String, Object> minorVictim = new HashMap<>(Map.of("age", 14, "cause", "DOMESTIC_VIOLENCE",
        "hasDisability", false, "hasSupport", false));
    assertThat((List<Object>) evaluate("linkages", minorVictim))
        .containsExactlyInAnyOrder("MINOR_PROTECTION", "DOMESTIC_VIOLENCE_SHELTER");
    Map<String, Object> elderly = new HashMap<>(Map.of("age", 78, "cause", "WANDERING_PRONE", "hasDisability", false,
        "hasSupport", false));
    assertThat((List<Object>) evaluate("linkages", elderly)).containsExactly("EXTREMELY_POOR_SUPPORT");
    elderly.put("hasSupport", true);
    // no rule matches: dmn-scala gives null, not an empty list (the model's gateway checks for both)
    assertThat(evaluate("linkages", elderly)).isNull();
    Map<String, Object> worker = new HashMap<>(Map.of("age", 35, "cause", "STRANDED_MIGRANT_WORKER",
        "hasDisability", false, "hasSupport", false));
    assertThat((List<Object>) evaluate("linkages", worker)).containsExactly("TEMPORARY_ASSISTANCE");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> escalation(Map<String, Object> variables) {
    return (Map<String, Object>) evaluate("escalation", variables);
  }

  @Test
  void escalationGoesToTheRegionalCentreForHardCases() {
    Map<String, Object> plain = new HashMap<>(Map.of("age", 40, "cause", "VAGRANCY_OR_BEGGING",
        "crossProvinceEscort", false, "medicalComplex", false));
    assertThat(escalation(plain)).containsEntry("escalateTo", "none").containsEntry("mechanism", "NONE");

    Map<String, Object> escort = new HashMap<>(plain);
    escort.put("crossProvinceEscort", true);
    assertThat(escalation(escort)).containsEntry("escalateTo", "regional-centre").containsEntry("mechanism", "ESCALATION")
        .containsEntry("step", "CROSS_PROVINCE_ESCORT");

    Map<String, Object> minor = new HashMap<>(plain);
    minor.put("age", 12);
    assertThat(escalation(minor)).containsEntry("mechanism", "JOINT_HANDLING");
    // a minor's medical treatment is handled jointly (health takes part), an adult's is escalated
    minor.put("medicalComplex", true);
    assertThat(escalation(minor)).containsEntry("mechanism", "JOINT_HANDLING").containsEntry("step", "CASE");
    Map<String, Object> ill = new HashMap<>(plain);
    ill.put("medicalComplex", true);
    assertThat(escalation(ill)).containsEntry("mechanism", "ESCALATION").containsEntry("step", "MEDICAL_TREATMENT");

    Map<String, Object> stranded = new HashMap<>(plain);
    stranded.put("daysInStation", 12);
    assertThat(escalation(stranded)).as("the stranded rules apply at the stranded stage only")
        .containsEntry("mechanism", "NONE");
    stranded.put("stage", "STRANDED");
    assertThat(escalation(stranded)).containsEntry("mechanism", "DOWNWARD_ASSISTANCE").containsEntry("step", "FAMILY_TRACING");
    stranded.put("daysInStation", 45);
    assertThat(escalation(stranded)).containsEntry("mechanism", "ESCALATION");
    // a minor stranded is helped with the tracing, not handled jointly a second time
    stranded.put("age", 12);
    stranded.put("daysInStation", 10);
    assertThat(escalation(stranded)).containsEntry("mechanism", "DOWNWARD_ASSISTANCE").containsEntry("step", "FAMILY_TRACING");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jointHandlingNamesTheAgencies() {
    Map<String, Object> victim = new HashMap<>(Map.of("age", 30, "cause", "DOMESTIC_VIOLENCE", "medicalComplex", true,
        "identityFound", true));
    assertThat((List<Object>) evaluate("joint-handling", victim))
        .containsExactlyInAnyOrder("police", "womens-federation", "court", "health");
    Map<String, Object> unknownMinor = new HashMap<>(Map.of("age", 9, "cause", "WANDERING_PRONE",
        "medicalComplex", false, "identityFound", false));
    assertThat((List<Object>) evaluate("joint-handling", unknownMinor))
        .containsExactlyInAnyOrder("police", "education", "womens-federation", "police");
  }
}
