package dev.lagoa.models.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.ConfigNode;
import dev.lagoa.core.config.ConfigProblems;
import dev.lagoa.models.dag.ModelGraph;
import dev.lagoa.models.template.SqlTemplate;
import dev.lagoa.models.template.TemplateReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SQL models of a project: every {@code .sql} file under {@code models/} (subfolders allowed),
 * with settings from the {@code .yml}/{@code .yaml} files there or from a header block at the top
 * of the SQL file:
 *
 * <pre>{@code
 * /* lagoa:
 * materialized: incremental
 * unique_key: [carChassis, event_date]
 * *}{@code /
 * SELECT ...
 * }</pre>
 *
 * A YAML file holds {@code models:} (model name → settings, see {@link ModelConfigReader}) and
 * {@code sources:} (see {@link SourceDeclaration}). A model's table defaults to {@code
 * <folder>.<model>}, where folder is the first folder under {@code models/}, or {@code
 * silver.<model>} for files directly in it. Loading validates everything at once and fails listing
 * every problem with its file and path, then checks that refs form a DAG.
 */
public final class ModelProject {
  public static final String MODELS_DIRECTORY = "models";
  public static final String DEFAULT_NAMESPACE = "silver";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HEADER =
      Pattern.compile("\\A\\s*/\\*\\s*lagoa:?[ \\t]*\\R(.*?)\\*/", Pattern.DOTALL);

  private final Path directory;
  private final Map<String, Model> models;
  private final Map<String, SourceDeclaration> sources;
  private final ModelGraph graph;

  private ModelProject(
      Path directory, Map<String, Model> models, Map<String, SourceDeclaration> sources) {
    this.directory = directory;
    this.models = models;
    this.sources = sources;
    this.graph = ModelGraph.of(models.values());
  }

  /**
   * Loads the models of the project in {@code projectDirectory} (the folder holding {@code
   * models/}).
   */
  public static ModelProject load(Path projectDirectory) {
    Path directory = projectDirectory.toAbsolutePath().normalize();
    Path modelsDirectory = directory.resolve(MODELS_DIRECTORY);
    if (!Files.isDirectory(modelsDirectory)) {
      throw LagoaException.userInput("Cannot load models: %s is not a directory", modelsDirectory);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(modelsDirectory)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot list %s: %s", modelsDirectory, e.getMessage());
    }
    return new Loader(directory, modelsDirectory).load(files);
  }

  public Path directory() {
    return directory;
  }

  /** Every model, by name. */
  public Collection<Model> models() {
    return models.values();
  }

  public Optional<Model> find(String name) {
    return Optional.ofNullable(models.get(name));
  }

  public Model model(String name) {
    Model model = models.get(name);
    if (model == null) {
      throw LagoaException.userInput(
          "Cannot find model %s: the project has %s", name, models.keySet());
    }
    return model;
  }

  /** The catalog table ({@code namespace.name}) that {@code {{ source(source, table) }}} reads. */
  public String sourceTable(String source, String table) {
    SourceDeclaration declaration = sources.get(source);
    return declaration == null ? source + "." + table : declaration.catalogTable(table);
  }

  public ModelGraph graph() {
    return graph;
  }

  /** Reads the files of one project, collecting every problem before failing. */
  private static final class Loader {
    private final Path directory;
    private final Path modelsDirectory;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Path> sqlFiles = new TreeMap<>();
    private final Map<String, String> sqlTexts = new LinkedHashMap<>();
    private final Map<String, Configured> configs = new LinkedHashMap<>();
    private final Map<String, SourceDeclaration> sources = new LinkedHashMap<>();

    Loader(Path directory, Path modelsDirectory) {
      this.directory = directory;
      this.modelsDirectory = modelsDirectory;
    }

    ModelProject load(List<Path> files) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(".sql")) {
          readSql(file);
        } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
          readYaml(file);
        }
      }
      for (String configured : configs.keySet()) {
        if (!sqlFiles.containsKey(configured)) {
          problems.add(
              configs.get(configured).origin()
                  + ": models."
                  + configured
                  + " is configured but there is no "
                  + MODELS_DIRECTORY
                  + "/**/"
                  + configured
                  + ".sql");
        }
      }
      Map<String, Model> models = new LinkedHashMap<>();
      for (Map.Entry<String, Path> entry : sqlFiles.entrySet()) {
        Model model = model(entry.getKey(), entry.getValue());
        if (model != null) {
          models.put(model.name(), model);
        }
      }
      if (!problems.isEmpty()) {
        StringBuilder message = new StringBuilder("Invalid models in " + modelsDirectory + ":");
        problems.forEach(problem -> message.append("\n  - ").append(problem));
        throw LagoaException.userInput("%s", message);
      }
      return new ModelProject(directory, models, sources);
    }

    private String relative(Path file) {
      return directory.relativize(file).toString().replace('\\', '/');
    }

    private void readSql(Path file) {
      String fileName = file.getFileName().toString();
      String name = fileName.substring(0, fileName.length() - ".sql".length());
      if (!MODEL_NAME.matcher(name).matches()) {
        problems.add(
            relative(file) + ": the model name '" + name + "' must be letters, digits and _");
        return;
      }
      Path previous = sqlFiles.putIfAbsent(name, file);
      if (previous != null) {
        problems.add(
            relative(file) + ": model " + name + " is also defined by " + relative(previous));
        return;
      }
      String text = readText(file);
      sqlTexts.put(name, text);
      Matcher header = HEADER.matcher(text);
      if (header.find()) {
        JsonNode yaml = parseYaml(header.group(1), relative(file) + " (header)");
        if (yaml != null) {
          configure(name, new Configured(relative(file) + " (header)", yaml));
        }
      }
    }

    private void readYaml(Path file) {
      JsonNode root = parseYaml(readText(file), relative(file));
      if (root == null || root.isMissingNode() || root.isNull()) {
        return;
      }
      ConfigProblems fileProblems = new ConfigProblems(relative(file));
      ConfigNode node = new ConfigNode(root, "", fileProblems);
      sources.putAll(node.namedChildren("sources", ModelConfigReader::source));
      node.child("models"); // read below, model by model, once the SQL files are known
      node.rejectUnknownKeys();
      JsonNode modelNodes = root.path("models");
      if (modelNodes.isObject()) {
        Iterator<Map.Entry<String, JsonNode>> fields = modelNodes.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          configure(field.getKey(), new Configured(relative(file), field.getValue()));
        }
      }
      fileProblems.all().forEach(problem -> problems.add(relative(file) + ": " + problem));
    }

    private void configure(String model, Configured configured) {
      Configured previous = configs.putIfAbsent(model, configured);
      if (previous != null) {
        problems.add(
            configured.origin()
                + ": model "
                + model
                + " is also configured in "
                + previous.origin());
      }
    }

    private Model model(String name, Path file) {
      Configured configured = configs.get(name);
      String origin = configured == null ? relative(file) : configured.origin();
      boolean header = origin.endsWith("(header)");
      ConfigProblems modelProblems = new ConfigProblems(origin);
      ModelConfig config =
          ModelConfigReader.read(
              name,
              defaultTable(name, file),
              configured == null ? MissingNode.getInstance() : configured.yaml(),
              header ? "" : "models." + name,
              modelProblems);
      modelProblems.all().forEach(problem -> problems.add(origin + ": " + problem));
      try {
        SqlTemplate sql =
            SqlTemplate.parse(stripTrailingSemicolons(sqlTexts.get(name)), relative(file));
        checkLookups(name, sql, config, origin, header);
        for (ModelTestDefinition test : config.tests()) {
          if (test instanceof ModelTestDefinition.Sql sqlTest) {
            SqlTemplate.parse(sqlTest.sql(), origin + " test " + sqlTest.name());
          }
        }
        return new Model(name, relative(file), sql, config);
      } catch (LagoaException e) {
        problems.add(e.getMessage());
        return null;
      }
    }

    private void checkLookups(
        String name, SqlTemplate sql, ModelConfig config, String origin, boolean header) {
      Set<String> inputs = new TreeSet<>();
      for (TemplateReference reference : sql.references()) {
        if (reference instanceof TemplateReference.Ref ref) {
          inputs.add(ref.model());
        } else if (reference instanceof TemplateReference.Source source) {
          inputs.add(source.source() + "." + source.table());
        }
      }
      for (String lookup : config.lookups()) {
        if (!inputs.contains(lookup)) {
          problems.add(
              origin
                  + ": "
                  + (header ? "" : "models." + name + ".")
                  + "lookups holds '"
                  + lookup
                  + "' but the model's inputs are "
                  + inputs);
        }
      }
    }

    private String defaultTable(String name, Path file) {
      Path relative = modelsDirectory.relativize(file);
      String namespace =
          relative.getNameCount() > 1 ? relative.getName(0).toString() : DEFAULT_NAMESPACE;
      return namespace + "." + name;
    }

    private JsonNode parseYaml(String text, String origin) {
      try {
        return YAML.readTree(text);
      } catch (IOException e) {
        problems.add(
            origin + ": is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        return null;
      }
    }

    private String readText(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw LagoaException.external(e, "Cannot read %s: %s", file, e.getMessage());
      }
    }

    private static String stripTrailingSemicolons(String sql) {
      String trimmed = sql.stripTrailing();
      while (trimmed.endsWith(";")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1).stripTrailing();
      }
      return trimmed;
    }
  }

  private record Configured(String origin, JsonNode yaml) {}
}
