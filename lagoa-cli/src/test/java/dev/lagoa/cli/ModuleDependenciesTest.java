package dev.lagoa.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies between Lagoa's modules point one way: core ← iceberg ← duckdb ← ingest, models,
 * scrape (and cdc) ← runtime (and api, ml; console over api) ← server ← examples ← cli. Each
 * module's root package may use only the root packages listed for it below; a new module gets a
 * line here, at its level.
 */
class ModuleDependenciesTest {
  private static final Set<String> TABLE_LAYER = Set.of("core", "iceberg", "duckdb");
  private static final Set<String> FEATURES = Set.of("ingest", "models", "scrape", "cdc");

  /** Root package (dev.lagoa.X) → the root packages it may depend on. */
  private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

  static {
    ALLOWED.put("core", Set.of());
    ALLOWED.put("iceberg", Set.of("core"));
    ALLOWED.put("duckdb", Set.of("core", "iceberg"));
    for (String feature : FEATURES) {
      ALLOWED.put(feature, TABLE_LAYER);
    }
    ALLOWED.put("testing", Set.of("core"));
    Set<String> belowRuntime = union(TABLE_LAYER, FEATURES);
    ALLOWED.put("runtime", belowRuntime);
    // Serving modules sit beside the runtime and may use it.
    Set<String> serving = union(belowRuntime, Set.of("runtime"));
    // The server composes the serving modules it mounts (the data API and its sign-in, ML).
    ALLOWED.put("server", union(serving, Set.of("api", "ml", "console")));
    ALLOWED.put("api", serving);
    // Machine learning trains on tables read through the runtime (time travel, the open project).
    ALLOWED.put("ml", serving);
    // The web console presents the API's sign-in, roles and SQL over the runtime's tables and runs.
    ALLOWED.put("console", union(serving, Set.of("api")));
    ALLOWED.put("examples", union(serving, Set.of("testing")));
    ALLOWED.put("cli", union(serving, Set.of("server", "api", "ml", "examples", "testing")));
    // The Spark job (lagoa-spark) runs in its own JVM, on Spark's class path, and no module uses
    // it; Lagoa talks to it over its standard input and output. Its tasks run the loader's readers
    // and record checks (lagoa-ingest's FileTasks), so the same rules decide on both engines.
    ALLOWED.put("spark", Set.of("ingest"));
  }

  static JavaClasses lagoa;

  @BeforeAll
  static void importLagoa() {
    lagoa =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lagoa");
  }

  @Test
  void everyModuleDependsOnlyOnTheModulesBelowIt() {
    for (Map.Entry<String, Set<String>> module : ALLOWED.entrySet()) {
      String[] forbidden =
          ALLOWED.keySet().stream()
              .filter(other -> !other.equals(module.getKey()))
              .filter(other -> !module.getValue().contains(other))
              .map(other -> "dev.lagoa." + other + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("dev.lagoa." + module.getKey() + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(forbidden)
          .because("module " + module.getKey() + " may only use " + module.getValue())
          .allowEmptyShould(true)
          .check(lagoa);
    }
  }

  @Test
  void everyRootPackageIsAModuleWithItsPlaceInTheDependencyOrder() {
    String[] known =
        ALLOWED.keySet().stream()
            .map(module -> "dev.lagoa." + module + "..")
            .toArray(String[]::new);
    classes()
        .should()
        .resideInAnyPackage(known)
        .because("a new module needs its line in ModuleDependenciesTest.ALLOWED")
        .check(lagoa);
  }

  private static Set<String> union(Set<String> left, Set<String> right) {
    Set<String> union = new TreeSet<>(left);
    union.addAll(right);
    return Set.copyOf(union);
  }
}
