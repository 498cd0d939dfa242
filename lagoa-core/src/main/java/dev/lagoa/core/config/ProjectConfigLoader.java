package dev.lagoa.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code lagoa.yaml}. Values may refer to environment variables as {@code ${NAME}} or {@code
 * ${NAME:-default}}, so one file serves a laptop and a shared deployment. Every problem in the file
 * is reported at once.
 */
public final class ProjectConfigLoader {
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private final Function<String, String> environment;

  public ProjectConfigLoader(Function<String, String> environment) {
    this.environment = environment;
  }

  public static ProjectConfigLoader withSystemEnvironment() {
    return new ProjectConfigLoader(System::getenv);
  }

  public ProjectConfig load(Path projectDirectory) {
    Path directory = projectDirectory.toAbsolutePath().normalize();
    Path file = directory.resolve(ProjectConfig.FILE_NAME);
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw LagoaException.userInput(
          "Cannot open project %s: there is no %s (use --project DIR)",
          directory, ProjectConfig.FILE_NAME);
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot read %s: %s", file, e.getMessage());
    }
    return parse(directory, file.toString(), text);
  }

  public ProjectConfig parse(Path directory, String fileName, String text) {
    List<String> unset = new ArrayList<>();
    String interpolated = interpolate(text, unset);
    YamlText yaml;
    try {
      yaml = YamlText.parse(interpolated, fileName, 1);
    } catch (LagoaException e) {
      throw LagoaException.userInput("Invalid configuration %s: %s", fileName, e.getMessage());
    }
    ConfigProblems problems = new ConfigProblems(yaml);
    unset.forEach(variable -> problems.add("", variable));
    JsonNode root = yaml.root();
    ConfigNode project = new ConfigNode(root, "", problems);
    String name = project.string("name", directory.getFileName().toString());
    CatalogConfig catalog = catalog(directory, project.child("catalog"));
    Set<String> disabled = new HashSet<>();
    Map<String, SourceConfig> sources =
        project.namedChildren(
            "sources",
            (sourceName, node) -> {
              if (!node.bool("enabled", true)) {
                disabled.add(sourceName);
              }
              return source(directory, sourceName, node);
            });
    MaintenanceConfig maintenance = MaintenanceConfigReader.read(project.child("maintenance"));
    ApiConfig api = ApiConfigReader.read(project.child("api"));
    java.util.Set<String> filesSources = new java.util.TreeSet<>();
    sources.forEach(
        (sourceName, source) -> {
          if (source instanceof FilesSourceConfig) {
            filesSources.add(sourceName);
          }
        });
    MlConfig ml = MlConfigReader.read(project.child("ml"));
    ServeConfig serve = ServeConfigReader.read(project, filesSources, ml.models().keySet());
    EngineConfig engines = EngineConfigReader.read(project);
    project.rejectUnknownKeys();
    sources = withEnvironmentErrorBudget(sources, problems);
    problems.throwIfAny();
    return new ProjectConfig(
        name,
        directory,
        catalog,
        new LinkedHashMap<>(sources),
        maintenance,
        api,
        serve,
        ml,
        disabled,
        engines);
  }

  /**
   * Web sources with {@code LAGOA_SCRAPE_MAX_ERRORS}, when it is set, in place of their {@code
   * crawl.max_errors}: one deployment can be stricter or more lenient than the project's file.
   */
  private Map<String, SourceConfig> withEnvironmentErrorBudget(
      Map<String, SourceConfig> sources, ConfigProblems problems) {
    String value = environment.apply(WebErrorBudget.ENVIRONMENT_VARIABLE);
    if (value == null || value.isBlank()) {
      return sources;
    }
    Optional<WebErrorBudget> budget = WebErrorBudget.parse(value);
    if (budget.isEmpty()) {
      problems.add(
          "",
          "environment variable "
              + WebErrorBudget.ENVIRONMENT_VARIABLE
              + " was '"
              + value
              + "' but it must be a number of pages (5) or a percentage (10%)");
      return sources;
    }
    Map<String, SourceConfig> result = new LinkedHashMap<>();
    sources.forEach(
        (sourceName, source) ->
            result.put(
                sourceName,
                source instanceof WebSourceConfig web
                    ? web.withCrawl(web.crawl().withMaxErrors(budget.get()))
                    : source));
    return result;
  }

  private String interpolate(String text, List<String> problems) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String value = environment.apply(matcher.group(1));
      if (value == null) {
        value = matcher.group(3);
      }
      if (value == null) {
        problems.add("refers to environment variable " + matcher.group(1) + " which is not set");
        value = "";
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private static CatalogConfig catalog(Path directory, ConfigNode node) {
    String warehouse = node.string("warehouse", "warehouse");
    if (!warehouse.contains("://")) {
      warehouse = directory.resolve(warehouse).normalize().toString();
    }
    // An object-store warehouse keeps its default SQLite catalog in the project directory (share
    // it between machines with a jdbc:postgresql: uri).
    String uri =
        node.string(
            "uri",
            "jdbc:sqlite:"
                + (warehouse.contains("://") ? directory : Path.of(warehouse))
                    .resolve("catalog.db"));
    if (uri.startsWith("jdbc:sqlite:") && !uri.startsWith("jdbc:sqlite::memory:")) {
      // A relative SQLite path is relative to the project, not to wherever lagoa was started.
      String file = uri.substring("jdbc:sqlite:".length());
      uri = "jdbc:sqlite:" + directory.resolve(file).normalize();
    }
    CatalogConfig config =
        new CatalogConfig(
            node.string("name", "lagoa"),
            uri,
            warehouse,
            node.stringMap("properties"),
            S3SettingsReader.read(node, warehouse));
    node.rejectUnknownKeys();
    return config;
  }

  private static SourceConfig source(Path directory, String name, ConfigNode node) {
    String type = node.requiredString("type");
    SourceConfig source =
        switch (type) {
          case "files" -> filesSource(directory, name, node);
          case "web" -> WebSourceReader.read(directory, name, node);
          case "postgres-cdc" -> PostgresCdcSourceReader.read(directory, name, node);
          case "" -> null;
          default -> {
            node.problems()
                .add(
                    node.path() + ".type",
                    "was '" + type + "' but it must be one of files, web, postgres-cdc");
            yield null;
          }
        };
    node.rejectUnknownKeys();
    return source;
  }

  private static FilesSourceConfig filesSource(Path directory, String name, ConfigNode node) {
    Path landing = directory.resolve(node.requiredString("path")).normalize();
    FileFormat format = node.enumValue("format", FileFormat.class, FileFormat.NDJSON);
    String table = node.string("table", "bronze." + name);
    TableName.check(node.problems(), node.path() + ".table", table);
    ConfigNode csv = node.child("csv");
    CsvOptions csvOptions = CsvOptions.read(csv);
    List<SourceField> fields =
        new ArrayList<>(
            node.namedChildren(
                    "fields",
                    (fieldName, field) ->
                        FilesFieldReader.read(fieldName, field, format, csvOptions))
                .values());
    ConfigNode schemaNode = node.child("schema");
    Map<String, String> hints = new LinkedHashMap<>();
    schemaNode.stringMap("hints").forEach((field, type) -> hints.put(field, type.trim()));
    FilesFieldReader.checkHints(schemaNode.path() + ".hints", hints, fields, node.problems());
    SchemaOptions schema =
        new SchemaOptions(
            schemaNode.enumValue("policy", SchemaPolicy.class, SchemaPolicy.EVOLVE),
            schemaNode.integer("sample", SchemaOptions.DEFAULT.sampleRecords(), 1),
            hints);
    schemaNode.rejectUnknownKeys();
    FilesSourceConfig config =
        new FilesSourceConfig(
            name,
            landing,
            node.string("pattern", "**"),
            format,
            table,
            schema,
            csvOptions,
            csv.integer("footer_lines", 0, 0),
            PartitionField.read(node, "partition_by"),
            node.integer("batch_files", 10_000, 1),
            node.integer("max_record_bytes", 64 * 1024 * 1024, 1024),
            fields);
    csv.rejectUnknownKeys();
    return config;
  }
}
