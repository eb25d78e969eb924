package cn.relief.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.annotation.JobWorker;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every job type in the models of {@code relief-processes} (service tasks, listeners) has exactly one {@code @JobWorker}. */
class WorkerCoverageTest {

  private static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";

  @Test
  void everyJobTypeOfTheModelsHasExactlyOneWorker() throws Exception {
    Map<String, List<String>> workers = workerMethodsByType();
    TreeSet<String> modelTypes = jobTypesOfTheModels();

    assertThat(modelTypes).as("job types of the models").isNotEmpty();
    for (String type : modelTypes) {
      assertThat(workers.getOrDefault(type, List.of()))
          .as("@JobWorker methods for job type '%s'", type).hasSize(1);
    }
    assertThat(workers.keySet()).as("workers whose job type no model uses").isSubsetOf(modelTypes);
  }

  /** The starter calls the methods by reflection without making them accessible. */
  @Test
  void workerMethodsArePublicSoThatTheStarterCanCallThem() throws ClassNotFoundException {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter((reader, factory) -> true);
    List<String> notPublic = new ArrayList<>();
    for (var candidate : scanner.findCandidateComponents("cn.relief.workers")) {
      Class<?> type = Class.forName(candidate.getBeanClassName());
      for (Method method : type.getDeclaredMethods()) {
        if (method.isAnnotationPresent(JobWorker.class)
            && !(Modifier.isPublic(method.getModifiers()) && Modifier.isPublic(type.getModifiers()))) {
          notPublic.add(type.getSimpleName() + "." + method.getName());
        }
      }
    }
    assertThat(notPublic).isEmpty();
  }

  @Test
  void jobTypeConstantsAreTheModelsJobTypes() throws Exception {
    TreeSet<String> constants = new TreeSet<>();
    for (Field field : JobTypes.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        constants.add((String) field.get(null));
      }
    }
    assertThat(constants).isEqualTo(jobTypesOfTheModels());
  }

  private static Map<String, List<String>> workerMethodsByType() throws ClassNotFoundException {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter((reader, factory) -> true);
    Map<String, List<String>> byType = new TreeMap<>();
    for (var candidate : scanner.findCandidateComponents("cn.relief.workers")) {
      Class<?> type = Class.forName(candidate.getBeanClassName());
      for (Method method : type.getDeclaredMethods()) {
        JobWorker worker = method.getAnnotation(JobWorker.class);
        if (worker != null) {
          byType.computeIfAbsent(worker.type(), t -> new ArrayList<>())
              .add(type.getSimpleName() + "." + method.getName());
        }
      }
    }
    return byType;
  }

  private static TreeSet<String> jobTypesOfTheModels() throws Exception {
    Resource[] models = new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn");
    assertThat(models).as("BPMN models of relief-processes on the test class path").isNotEmpty();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    TreeSet<String> types = new TreeSet<>();
    for (Resource model : models) {
      try (InputStream in = model.getInputStream()) {
        var parsed = factory.newDocumentBuilder().parse(in);
        for (String element : List.of("taskDefinition", "taskListener", "executionListener")) {
          NodeList definitions = parsed.getElementsByTagNameNS(ZEEBE, element);
          for (int i = 0; i < definitions.getLength(); i++) {
            types.add(((Element) definitions.item(i)).getAttribute("type"));
          }
        }
      }
    }
    return types;
  }

  @Test
  void modelsAreFound() throws Exception {
    Resource[] models = new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn");
    assertThat(Arrays.stream(models).map(Resource::getFilename).collect(Collectors.toSet()))
        .contains("relief-case.bpmn", "family-tracing.bpmn");
  }
}
