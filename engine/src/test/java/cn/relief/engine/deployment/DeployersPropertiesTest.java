package cn.relief.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.relief.engine.bpmn.BpmnTransformer;
import cn.relief.engine.deployment.ResourceMutations.Kind;
import cn.relief.engine.dmn.DmnTransformer;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.form.FormSchema;
import cn.relief.engine.form.FormSchemaException;
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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Bad input (E8): whatever a BPMN, DMN or form resource holds, its deployer returns a model or a
 * rejection with a reason. It never throws anything else, never runs out of stack and never hangs:
 * on the engine's writer thread any of these would fail the whole batch of commands and make the
 * engine rebuild its state from the log. Seeds are the relief procedures' own models and forms plus
 * generated ones; jqwik damages them (see {@link ResourceMutations}).
 *
 * <p>The number of tries per property is jqwik's default, {@code jqwik.tries.default} in the
 * engine's {@code junit-platform.properties} (a short run for CI); a JVM system property of that
 * name overrides it for a longer run.
 */
class DeployersPropertiesTest {
  /** Generous: the largest relief model transforms in well under a second on the 2-core CI machine. */
  private static final long TIME_LIMIT_SECONDS = 30;
  private static final Path REPOSITORY = Path.of("..");

  private static final List<byte[]> BPMN_SEEDS = bpmnSeeds();
  private static final List<byte[]> DMN_SEEDS = dmnSeeds();
  private static final List<byte[]> FORM_SEEDS = formSeeds();
  private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
  private String generated = "";

  private final BpmnTransformer bpmn = new BpmnTransformer(new ExpressionLanguage());
  private final DmnTransformer dmn = new DmnTransformer();

  @Property
  void damagedBpmnIsTransformedOrRejectedWithAReason(@ForAll @IntRange(min = 0, max = 1_000) int seedIndex,
      @ForAll Kind kind, @ForAll long seed) {
    generated = "damaged BPMN";
    byte[] resource = ResourceMutations.mutate(BPMN_SEEDS.get(seedIndex % BPMN_SEEDS.size()), kind, seed);
    transformBpmn(resource);
  }

  @Property
  void twiceDamagedBpmnIsTransformedOrRejectedWithAReason(@ForAll @IntRange(min = 0, max = 1_000) int seedIndex,
      @ForAll Kind first, @ForAll Kind second, @ForAll long seed) {
    generated = "twice damaged BPMN";
    byte[] once = ResourceMutations.mutate(BPMN_SEEDS.get(seedIndex % BPMN_SEEDS.size()), first, seed);
    transformBpmn(ResourceMutations.mutate(once, second, seed + 1));
  }

  @Property
  void generatedFlowGraphsAreTransformedOrRejectedWithAReason(@ForAll @IntRange(min = 1, max = 40) int nodes,
      @ForAll long seed) {
    generated = "generated flow graphs";
    transformBpmn(GeneratedModels.randomGraph("fuzz", nodes, seed).getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 12)
  void deeplyNestedSubProcessesAreTransformedOrRejectedWithAReason(@ForAll @IntRange(min = 1, max = 5_000) int depth) {
    generated = "nested sub-processes";
    transformBpmn(GeneratedModels.nestedSubProcesses("nested", depth).getBytes(StandardCharsets.UTF_8));
  }

  @Property
  void damagedDmnIsTransformedOrRejectedWithAReason(@ForAll @IntRange(min = 0, max = 1_000) int seedIndex,
      @ForAll Kind kind, @ForAll long seed) {
    generated = "damaged DMN";
    byte[] resource = ResourceMutations.mutate(DMN_SEEDS.get(seedIndex % DMN_SEEDS.size()), kind, seed);
    transformDmn(resource);
  }

  @Property
  void generatedDecisionTablesAreTransformedOrRejectedWithAReason(@ForAll @IntRange(min = 0, max = 30) int rules,
      @ForAll long seed) {
    generated = "generated decision tables";
    transformDmn(GeneratedModels.decisionTable("fuzz", rules, seed).getBytes(StandardCharsets.UTF_8));
  }

  @Property
  void damagedFormsAreParsedOrRejectedWithAReason(@ForAll @IntRange(min = 0, max = 1_000) int seedIndex,
      @ForAll Kind kind, @ForAll long seed) {
    generated = "damaged forms";
    parseForm(ResourceMutations.mutateJson(FORM_SEEDS.get(seedIndex % FORM_SEEDS.size()), kind, seed));
  }

  @Property(tries = 12)
  void deeplyNestedFormGroupsAreParsedOrRejectedWithAReason(@ForAll @IntRange(min = 1, max = 5_000) int depth) {
    generated = "nested form groups";
    parseForm(GeneratedModels.nestedForm("nested", depth).getBytes(StandardCharsets.UTF_8));
  }

  /** One line per property (jqwik runs each property on its own instance): what it generated and how each ended. */
  @AfterProperty
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
