package cn.relief.app.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelProblemTest {
  @Test
  void aRejectionsLinesBecomeProblemsWithTheElementsTheyName() {
    List<ModelProblem> problems = ModelProblem.fromRejection("""
        Expected to deploy new resources, but encountered the following errors:
        'a.bpmn': Element 'call' (serviceTask): expected a job type
        'a.bpmn': user task 'review' expected to find form with id 'f' in the same deployment
        - Element: Gateway_1
        """);
    assertThat(problems).extracting(ModelProblem::elementId).containsExactly(null, "call", "review", "Gateway_1");
    assertThat(ModelProblem.elementIds(problems)).containsExactly("call", "review", "Gateway_1");
  }
}
