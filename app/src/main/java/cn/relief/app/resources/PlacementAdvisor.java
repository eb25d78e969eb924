package cn.relief.app.resources;

import cn.relief.app.cases.PersonalData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Asks the placement decision ({@code placement.dmn}, which policy staff edit) whether a case's
 * person stays at the own station or goes elsewhere and what the other station must offer, through
 * the user's own engine client (the evaluation is audited), then proposes the nearest station with
 * a free bed and that capability. The decision weighs needs against the own station; choosing among
 * stations by distance and free beds is arithmetic, not policy, so it stays here.
 */
@Component
class PlacementAdvisor {
  static final String DECISION = "placement";

  private final StationResources resources;
  private final ObjectMapper json;

  PlacementAdvisor(StationResources resources, ObjectMapper json) {
    this.resources = resources;
    this.json = json;
  }

  PlacementAdvice advise(CamundaClient client, String stationId, Map<String, Object> caseVariables) {
    StationResource own = resources.of(stationId).orElse(null);
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("needsMedicalCare", Boolean.TRUE.equals(caseVariables.get("discoveryNeedsMedicalCare"))
        || Boolean.TRUE.equals(caseVariables.get("needsMedicalCare")));
    inputs.put("isMinor", PersonalData.isMinor(caseVariables));
    inputs.put("needsShelter", "DOMESTIC_VIOLENCE".equals(caseVariables.get("cause")));
    // a station that reports nothing is taken as full and able for nothing: better elsewhere than nowhere
    inputs.put("ownFreeBeds", own == null ? 0 : own.freeBeds());
    inputs.put("ownMedicalCare", own != null && own.medicalCare());
    inputs.put("ownMinorsQuarters", own != null && own.minorsQuarters());
    inputs.put("ownShelter", own != null && own.shelter());
    JsonNode output = output(client.newEvaluateDecisionCommand().decisionId(DECISION).variables(inputs).send().join()
        .getDecisionOutput());
    String placement = output.path("placement").asText("OWN_STATION");
    String capability = output.path("requiredCapability").asText("NONE");
    List<StationResource> candidates = resources.all().stream()
        .filter(station -> !station.stationId().equals(stationId) && !station.full() && station.offers(capability))
        .sorted(Comparator.comparingDouble(station -> own == null ? 0 : own.place().metresTo(station.place())))
        .toList();
    boolean elsewhere = "OTHER_STATION".equals(placement);
    return new PlacementAdvice(placement, capability, output.path("reason").asText(""), own,
        elsewhere && !candidates.isEmpty() ? candidates.get(0) : null, elsewhere ? candidates : List.of());
  }

  private JsonNode output(String decisionOutput) {
    try {
      return json.readTree(decisionOutput == null ? "{}" : decisionOutput);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The placement decision answered no JSON object: " + decisionOutput, e);
    }
  }
}
