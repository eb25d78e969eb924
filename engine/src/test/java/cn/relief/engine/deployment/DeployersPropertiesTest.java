package cn.relief.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.relief.engine.bpmn.BpmnTransformer;
import cn.relief.engine.deployment.ResourceMutations.Kind;
import cn.relief.engine.dmn.DmnTransformer;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.form.FormSchema;
import cn.relief.engine.form.FormSchemaException;
import cn.relief.engine.inputs.GeneratedInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input (E8): whatever a BPMN, DMN or form resource holds, its deployer returns a model or a
 * rejection with a reason. It never throws anything else, never runs out of stack and never hangs:
 * on the engine's writer thread any of these would fail the whole batch of commands and make the
 * engine rebuild its state from the log. Seeds are the relief procedures' own models and forms plus
 * generated ones, damaged by {@link ResourceMutations} with {@link GeneratedInputs}.
 *
 * <p>Each property runs {@code relief.badinput.tries} times (40, the short run for CI; e.g.
 * {@code -Drelief.badinput.tries=400} for a longer run).
 */
class DeployersPropertiesTest {
  /** Generous: the largest relief model transforms in well under a second on the 2-core CI machine. */
  private static final long TIME_LIMIT_SECONDS = 30;
  private static final Path REPOSITORY = Path.of("..");
  private static final int TRIES = Integer.getInteger("relief.badinput.tries", 40);
  private static final int NESTING_TRIES = 12;

  private static final List<byte[]> BPMN_SEEDS = bpmnSeeds();
  private static final List<byte[]> DMN_SEEDS = dmnSeeds();
  private static final List<byte[]> FORM_SEEDS = formSeeds();
  private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
  private String generated = "";

  private final BpmnTransformer bpmn = new BpmnTransformer(new ExpressionLanguage());
  private final DmnTransformer dmn = new DmnTransformer();

  @Test
  void damagedBpmnIsTransformedOrRejectedWithAReason() {
    generated = "damaged BPMN";
    GeneratedInputs.forEach(TRIES, inputs -> transformBpmn(ResourceMutations.mutate(inputs.pick(BPMN_SEEDS),
        inputs.pick(Kind.class), inputs.anyLong())));
  }

  @Test
  void twiceDamagedBpmnIsTransformedOrRejectedWithAReason() {
    generated = "twice damaged BPMN";
    GeneratedInputs.forEach(TRIES, inputs -> {
      byte[] once = ResourceMutations.mutate(inputs.pick(BPMN_SEEDS), inputs.pick(Kind.class), inputs.anyLong());
      transformBpmn(ResourceMutations.mutate(once, inputs.pick(Kind.class), inputs.anyLong()));
    });
  }

  @Test
  void generatedFlowGraphsAreTransformedOrRejectedWithAReason() {
    generated = "generated flow graphs";
    GeneratedInputs.forEach(TRIES, inputs -> transformBpmn(GeneratedModels.randomGraph("fuzz", inputs.between(1, 40),
        inputs.anyLong()).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void deeplyNestedSubProcessesAreTransformedOrRejectedWithAReason() {
    generated = "nested sub-processes";
    GeneratedInputs.forEach(NESTING_TRIES, inputs -> transformBpmn(GeneratedModels.nestedSubProcesses("nested",
        inputs.between(1, 5_000)).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void damagedDmnIsTransformedOrRejectedWithAReason() {
    generated = "damaged DMN";
    GeneratedInputs.forEach(TRIES, inputs -> transformDmn(ResourceMutations.mutate(inputs.pick(DMN_SEEDS),
        inputs.pick(Kind.class), inputs.anyLong())));
  }

  @Test
  void generatedDecisionTablesAreTransformedOrRejectedWithAReason() {
    generated = "generated decision tables";
    GeneratedInputs.forEach(TRIES, inputs -> transformDmn(GeneratedModels.decisionTable("fuzz", inputs.between(0, 30),
        inputs.anyLong()).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void damagedFormsAreParsedOrRejectedWithAReason() {
    generated = "damaged forms";
    GeneratedInputs.forEach(TRIES, inputs -> parseForm(ResourceMutations.mutateJson(inputs.pick(FORM_SEEDS),
        inputs.pick(Kind.class), inputs.anyLong())));
  }

  @Test
  void deeplyNestedFormGroupsAreParsedOrRejectedWithAReason() {
    generated = "nested form groups";
    GeneratedInputs.forEach(NESTING_TRIES, inputs -> parseForm(GeneratedModels.nestedForm("nested",
        inputs.between(1, 5_000)).getBytes(StandardCharsets.UTF_8)));
  }

  /** One line per property (JUnit runs each on its own instance): what it generated and how each ended. */
  @AfterEach
  void printFigures() {
    System.out.println("DeployersPropertiesTest: " + generated + ": " + outcomes.entrySet().stream()
        .sorted(Map.Entry.comparingByKey()).map(e -> e.getValue().get() + " " + e.getKey()).toList());
  }

  // ---- the properties' one assertion, per deployer ----------------------------------------------

  private void transformBpmn(byte[] resource) {
    BpmnTransformer.Result result = bounded("BPMN", resource, () -> bpmn.transform("fuzz.bpmn", resource));
    assertThat(result).isNotNull();
    if (result.isValid()) {
      assertThat(result.processes()).isNotEmpty();
      count("BPMN", true);
    } else {
      assertThat(result.problems()).allSatisfy(problem -> assertThat(problem).isNotBlank());
      count("BPMN", false);
    }
  }

  private void transformDmn(byte[] resource) {
    DmnTransformer.Result result = bounded("DMN", resource, () -> dmn.transform("fuzz.dmn", resource));
    assertThat(result).isNotNull();
    if (result.isValid()) {
      assertThat(result.requirements()).isNotNull();
      count("DMN", true);
    } else {
      assertThat(result.problems()).isNotEmpty().allSatisfy(problem -> assertThat(problem).isNotBlank());
      count("DMN", false);
    }
  }

  private void parseForm(byte[] resource) {
    String outcome = bounded("form", resource, () -> {
      try {
        FormSchema schema = FormSchema.parse(resource);
        assertThat(schema.id()).isNotBlank();
        return null;
      } catch (FormSchemaException rejected) {
        return rejected.getMessage();
      }
    });
    if (outcome != null) {
      assertThat(outcome).isNotBlank();
    }
    count("form", outcome == null);
  }

  /**
   * Runs the deployer on a thread with the JVM's default stack size, like the engine's writer
   * thread, so that a stack overflow here is one there; anything thrown fails the property.
   */
  private static <T> T bounded(String what, byte[] resource, Supplier<T> deployer) {
    FutureTask<T> task = new FutureTask<>(deployer::get);
    Thread thread = new Thread(task, "deployer-under-test");
    thread.setDaemon(true);
    thread.start();
    try {
      return task.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      thread.interrupt();
      return fail("The %s deployer did not answer within %d s for: %s", what, TIME_LIMIT_SECONDS, excerpt(resource));
    } catch (ExecutionException e) {
      throw new AssertionError("The " + what + " deployer threw instead of returning a model or a rejection, for: "
          + excerpt(resource), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String excerpt(byte[] resource) {
    String text = new String(resource, StandardCharsets.UTF_8);
    return text.length() <= 2_000 ? text : text.substring(0, 1_000) + " ... " + text.substring(text.length() - 1_000);
  }

  private void count(String deployer, boolean accepted) {
    outcomes.computeIfAbsent(deployer + (accepted ? " accepted" : " rejected"), k -> new AtomicInteger())
        .incrementAndGet();
  }

  // ---- seeds ------------------------------------------------------------------------------------

  private static List<byte[]> bpmnSeeds() {
    List<byte[]> seeds = new ArrayList<>(
        ResourceMutations.filesUnder(REPOSITORY.resolve("processes/src/main/resources"), ".bpmn"));
    seeds.add(GeneratedModels.nestedSubProcesses("nested", 3).getBytes(StandardCharsets.UTF_8));
    for (long seed = 0; seed < 4; seed++) {
      seeds.add(GeneratedModels.randomGraph("graph", 12, seed).getBytes(StandardCharsets.UTF_8));
    }
    return seeds;
  }

  private static List<byte[]> dmnSeeds() {
    List<byte[]> seeds = new ArrayList<>(
        ResourceMutations.filesUnder(REPOSITORY.resolve("processes/src/main/resources"), ".dmn"));
    seeds.addAll(ResourceMutations.filesUnder(Path.of("src/test/resources/dmn"), "relief-aid.dmn"));
    seeds.add(GeneratedModels.decisionTable("table", 5, 1).getBytes(StandardCharsets.UTF_8));
    return seeds;
  }

  private static List<byte[]> formSeeds() {
    List<byte[]> seeds = new ArrayList<>(
        ResourceMutations.filesUnder(REPOSITORY.resolve("forms/src/main/resources"), ".form"));
    seeds.add(GeneratedModels.nestedForm("nested", 3).getBytes(StandardCharsets.UTF_8));
    return seeds;
  }
}
