package cn.relief.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The application's pages and services and the job workers reach the engine only through the
 * Camunda client (so they run against a Camunda 8 cluster as well); only the embedded-engine
 * bootstrap ({@code cn.relief.app.embedded}) may use engine classes.
 */
@AnalyzeClasses(packages = {"cn.relief.app", "cn.relief.workers"}, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule appAndWorkersUseNoEngineClassOutsideTheBootstrap = noClasses()
      .that().resideInAnyPackage("cn.relief.app..", "cn.relief.workers..")
      .and().resideOutsideOfPackage("cn.relief.app.embedded..")
      .should().dependOnClassesThat().resideInAPackage("cn.relief.engine..")
      .because("workers and the UI talk to the engine only through the Camunda client (ARCHITECTURE.md)");

  @ArchTest
  static final ArchRule workersDependOnNoApplicationClass = noClasses()
      .that().resideInAPackage("cn.relief.workers..")
      .should().dependOnClassesThat().resideInAPackage("cn.relief.app..")
      .because("dependencies point one way: app -> workers");
}
