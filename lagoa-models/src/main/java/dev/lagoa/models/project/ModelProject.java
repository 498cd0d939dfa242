package dev.lagoa.models.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.ConfigNode;
import dev.lagoa.core.config.ConfigProblems;
import dev.lagoa.core.config.Engine;
import dev.lagoa.core.config.YamlText;
import dev.lagoa.models.dag.ModelGraph;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.template.SqlTemplate;
import dev.lagoa.models.template.TemplateReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
 * silver.<model>} for files directly in it.
 *
 * <p>Reading validates everything at once and records every problem at the file, line and column of
 * the mistake. A problem of one model (its settings, its placeholders, a ref to no model) breaks
 * that model only: {@link #read} keeps the others, and the models built from a broken one are
 * {@linkplain #blocked() blocked}. Problems of the whole project (a YAML file that is not YAML, a
 * source declaration, two models of one name, a cycle) stop it.
 */
public final class ModelProject {
  public static final String MODELS_DIRECTORY = "models";
  public static final String DEFAULT_NAMESPACE = "silver";

  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HEADER =
      Pattern.compile("\\A\\s*/\\*\\s*lagoa:?[ \\t]*\\R(.*?)\\*/", Pattern.DOTALL);

  private final Path directory;
  private final Map<String, Model> models;
  private final Map<String, SourceDeclaration> sources;
  private final Map<String, Configured> configs;
  private final List<ModelProblem> problems;
  private final Map<String, String> brokenFiles;
  private final Map<String, String> blocked;
  private final ModelGraph graph;

  private ModelProject(
      Path directory,
      Map<String, Model> models,
      Map<String, SourceDeclaration> sources,
      Map<String, Configured> configs,
      List<ModelProblem> problems,
      Map<String, String> brokenFiles,
      Map<String, String> blocked) {
    this.directory = directory;
    this.models = models;
    this.sources = sources;
    this.configs = configs;
    this.problems = List.copyOf(problems);
    this.brokenFiles = brokenFiles;
    this.blocked = blocked;
    this.graph = ModelGraph.of(models.values());
  }

  /**
   * Loads the models of the project in {@code projectDirectory} (the folder holding {@code
   * models/}), failing with every problem when any model has one.
   */
  public static ModelProject load(Path projectDirectory) {
    ModelProject project = read(projectDirectory);
    if (!project.problems.isEmpty()) {
      throw invalid(project.directory.resolve(MODELS_DIRECTORY), project.problems);
    }
    return project;
  }

  /**
   * Reads the models of the project in {@code projectDirectory}, keeping the models that have no
   * problem; see {@link #problems()} and {@link #blocked()} for the others.
   *
   * @throws LagoaException when a problem concerns the whole project, listing every problem
   */
  public static ModelProject read(Path projectDirectory) {
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

  private static LagoaException invalid(Path modelsDirectory, List<ModelProblem> problems) {
    StringBuilder message = new StringBuilder("Invalid models in " + modelsDirectory + ":");
    problems.forEach(problem -> message.append("\n  - ").append(problem));
    return LagoaException.userInput("%s", message);
  }

  public Path directory() {
    return directory;
  }

  /** Every model without a problem, by name. */
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

  /** Every problem of the project's models, in file order. */
  public List<ModelProblem> problems() {
    return problems;
  }

  /** The problems of one model. */
  public List<ModelProblem> problems(String model) {
    return problems.stream().filter(problem -> problem.model().equals(model)).toList();
  }

  /** The models that have problems, with their SQL files. */
  public Map<String, String> broken() {
    return brokenFiles;
  }

  /**
   * The models left out because a model they read (or test against) is broken or blocked: model →
   * why.
   */
  public Map<String, String> blocked() {
    return blocked;
  }

  /**
   * {@code file:line:column} where setting {@code path} of {@code model} is written ({@code
   * expectations[0].expect}), or the nearest place that is known.
   */
  public String settingPosition(String model, String path) {
    Configured configured = configs.get(model);
    if (configured == null) {
      Model found = models.get(model);
      return found == null ? brokenFiles.getOrDefault(model, model) : found.file();
    }
    String full = configured.basePath().isEmpty() ? path : configured.basePath() + "." + path;
    return configured.yaml().position(full);
  }

  /** The catalog table ({@code namespace.name}) that {@code {{ source(source, table) }}} reads. */
  public String sourceTable(String source, String table) {
    SourceDeclaration declaration = sources.get(source);
    return declaration == null ? source + "." + table : declaration.catalogTable(table);
  }

  public ModelGraph graph() {
    return graph;
  }

  /**
   * The selected models that can run, in run order; a selected model that is broken or blocked is
   * left out (see {@link #problems()} and {@link #blocked()}).
   */
  public List<String> select(Selection selection) {
    if (selection.isAll()) {
      return graph.select(selection);
    }
    List<Selection.Term> terms =
        selection.terms().stream()
            .filter(
                term ->
                    models.containsKey(term.model())
                        || (!brokenFiles.containsKey(term.model())
                            && !blocked.containsKey(term.model())))
            .toList();
    return terms.isEmpty() ? List.of() : graph.select(new Selection(terms));
  }

  /** Reads the files of one project, collecting every problem before failing. */
  private static final class Loader {
    private final Path directory;
    private final Path modelsDirectory;
    private final List<ModelProblem> problems = new ArrayList<>();
    private final Map<String, Path> sqlFiles = new TreeMap<>();
    private final Map<String, String> sqlTexts = new LinkedHashMap<>();
    private final Map<String, Integer> headerEnds = new HashMap<>();
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
          Configured config = configs.get(configured);
          problems.add(
              new ModelProblem(
                  "",
                  config.yaml().position(config.basePath()),
                  "models."
                      + configured
                      + " is configured but there is no "
                      + MODELS_DIRECTORY
                      + "/**/"
                      + configured
                      + ".sql"
                      + suggestion(configured, sqlFiles.keySet())));
        }
      }
      Map<String, Model> models = new LinkedHashMap<>();
      for (Map.Entry<String, Path> entry : sqlFiles.entrySet()) {
        Model model = model(entry.getKey(), entry.getValue());
        if (model != null && problemsOf(model.name()).isEmpty()) {
          models.put(model.name(), model);
        }
      }
      checkRefs(models);
      Map<String, String> brokenFiles = new TreeMap<>();
      for (ModelProblem problem : problems) {
        if (!problem.projectWide() && sqlFiles.containsKey(problem.model())) {
          brokenFiles.put(problem.model(), relative(sqlFiles.get(problem.model())));
          models.remove(problem.model());
        }
      }
      Map<String, String> blocked = block(models, brokenFiles.keySet());
      List<ModelProblem> projectWide = problems.stream().filter(ModelProblem::projectWide).toList();
      if (!projectWide.isEmpty()) {
        throw invalid(modelsDirectory, problems);
      }
      return new ModelProject(directory, models, sources, configs, problems, brokenFiles, blocked);
    }

    private List<ModelProblem> problemsOf(String model) {
      return problems.stream().filter(problem -> problem.model().equals(model)).toList();
    }

    /** A ref or a test naming no model breaks the model that holds it, at the ref. */
    private void checkRefs(Map<String, Model> models) {
      for (Model model : List.copyOf(models.values())) {
        for (SqlTemplate.Placeholder placeholder : model.sql().placeholders()) {
          if (placeholder.reference() instanceof TemplateReference.Ref ref
              && !sqlFiles.containsKey(ref.model())) {
            problems.add(
                new ModelProblem(
                    model.name(),
                    model.file() + ":" + placeholder.line() + ":" + placeholder.column(),
                    placeholder.reference()
                        + " names no model"
                        + suggestion(ref.model(), sqlFiles.keySet())));
          }
        }
        for (String tested : model.testedAgainst()) {
          if (!sqlFiles.containsKey(tested)) {
            problems.add(
                new ModelProblem(
                    model.name(),
                    configs.containsKey(model.name())
                        ? configs
                            .get(model.name())
                            .yaml()
                            .position(configs.get(model.name()).basePath())
                        : model.file(),
                    "a test of model "
                        + model.name()
                        + " reads model "
                        + tested
                        + ", which does not exist"
                        + suggestion(tested, sqlFiles.keySet())));
          }
        }
      }
    }

    /** Models reading a broken or blocked model, transitively, with the first reason found. */
    private static Map<String, String> block(Map<String, Model> models, Set<String> broken) {
      Map<String, String> blocked = new TreeMap<>();
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Model model : List.copyOf(models.values())) {
          Set<String> reads = new TreeSet<>(model.refs());
          reads.addAll(model.testedAgainst());
          for (String read : reads) {
            if (broken.contains(read) || blocked.containsKey(read)) {
              blocked.put(
                  model.name(),
                  "upstream model "
                      + read
                      + (broken.contains(read) ? " has errors" : " is blocked"));
              models.remove(model.name());
              changed = true;
              break;
            }
          }
        }
      }
      return blocked;
    }

    private String relative(Path file) {
      return directory.relativize(file).toString().replace('\\', '/');
    }

    private void readSql(Path file) {
      String fileName = file.getFileName().toString();
      String name = fileName.substring(0, fileName.length() - ".sql".length());
      if (!MODEL_NAME.matcher(name).matches()) {
        problems.add(
            new ModelProblem(
                "", relative(file), "the model name '" + name + "' must be letters, digits and _"));
        return;
      }
      Path previous = sqlFiles.putIfAbsent(name, file);
      if (previous != null) {
        problems.add(
            new ModelProblem(
                "", relative(file), "model " + name + " is also defined by " + relative(previous)));
        return;
      }
      String text = readText(file);
      sqlTexts.put(name, text);
      Matcher header = HEADER.matcher(text);
      if (header.find()) {
        headerEnds.put(name, header.end());
        int firstLine = lineOf(text, header.start(1));
        try {
          YamlText yaml = YamlText.parse(header.group(1), relative(file), firstLine);
          configure(name, new Configured(yaml, "", true));
        } catch (LagoaException e) {
          problems.add(problem(name, e.getMessage()));
        }
      }
    }

    private void readYaml(Path file) {
      YamlText yaml;
      try {
        yaml = YamlText.parse(readText(file), relative(file), 1);
      } catch (LagoaException e) {
        problems.add(problem("", e.getMessage()));
        return;
      }
      JsonNode root = yaml.root();
      if (root.isMissingNode() || root.isNull()) {
        return;
      }
      ConfigProblems fileProblems = new ConfigProblems(yaml);
      ConfigNode node = new ConfigNode(root, "", fileProblems);
      sources.putAll(node.namedChildren("sources", ModelConfigReader::source));
      node.child("models"); // read below, model by model, once the SQL files are known
      node.rejectUnknownKeys();
      JsonNode modelNodes = root.path("models");
      if (modelNodes.isObject()) {
        Iterator<Map.Entry<String, JsonNode>> fields = modelNodes.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          configure(field.getKey(), new Configured(yaml, "models." + field.getKey(), false));
        }
      }
      fileProblems.all().forEach(problem -> problems.add(problem("", problem)));
    }

    /** A problem from a message that starts with its position ({@code file:line:col: ...}). */
    private static ModelProblem problem(String model, String located) {
      int colon = located.indexOf(": ");
      return colon < 0
          ? new ModelProblem(model, "", located)
          : new ModelProblem(model, located.substring(0, colon), located.substring(colon + 2));
    }

    private void configure(String model, Configured configured) {
      Configured previous = configs.putIfAbsent(model, configured);
      if (previous != null) {
        problems.add(
            new ModelProblem(
                "",
                configured.yaml().position(configured.basePath()),
                "model "
                    + model
                    + " is also configured in "
                    + previous.yaml().position(previous.basePath())));
      }
    }

    private Model model(String name, Path file) {
      Configured configured = configs.get(name);
      ConfigProblems modelProblems =
          configured == null
              ? new ConfigProblems(relative(file))
              : new ConfigProblems(configured.yaml());
      JsonNode settings =
          configured == null
              ? MissingNode.getInstance()
              : configured.header()
                  ? configured.yaml().root()
                  : configured.yaml().root().path("models").path(name);
      String settingsPath = configured == null ? "" : configured.basePath();
      ModelConfig config =
          ModelConfigReader.read(
              name, defaultTable(name, file), settings, settingsPath, modelProblems);
      Engine engine = ModelConfigReader.engine(settings, settingsPath, modelProblems);
      modelProblems
          .all()
          .forEach(
              problem ->
                  problems.add(
                      modelProblems.located()
                          ? problem(name, problem)
                          : new ModelProblem(name, relative(file), problem)));
      try {
        SqlTemplate sql =
            SqlTemplate.parse(
                stripTrailingSemicolons(sqlTexts.get(name)),
                relative(file),
                headerEnds.getOrDefault(name, 0));
        checkLookups(name, sql, config, configured);
        for (int i = 0; i < config.tests().size(); i++) {
          if (config.tests().get(i) instanceof ModelTestDefinition.Sql sqlTest) {
            String position =
                configured == null
                    ? relative(file)
                    : configured
                        .yaml()
                        .position(
                            (configured.basePath().isEmpty() ? "" : configured.basePath() + ".")
                                + "tests["
                                + i
                                + "].sql");
            try {
              SqlTemplate.parse(sqlTest.sql(), "test " + sqlTest.name());
            } catch (LagoaException e) {
              problems.add(new ModelProblem(name, position, e.getMessage()));
            }
          }
        }
        return new Model(name, relative(file), sql, config, engine);
      } catch (LagoaException e) {
        problems.add(problem(name, e.getMessage()));
        return null;
      }
    }

    private void checkLookups(
        String name, SqlTemplate sql, ModelConfig config, Configured configured) {
      Set<String> inputs = new TreeSet<>();
      for (TemplateReference reference : sql.references()) {
        if (reference instanceof TemplateReference.Ref ref) {
          inputs.add(ref.model());
        } else if (reference instanceof TemplateReference.Source source) {
          inputs.add(source.source() + "." + source.table());
        }
      }
      String base = configured == null || configured.header() ? "" : "models." + name + ".";
      for (int i = 0; i < config.lookups().size(); i++) {
        String lookup = config.lookups().get(i);
        if (!inputs.contains(lookup)) {
          problems.add(
              new ModelProblem(
                  name,
                  configured == null ? name : configured.yaml().position(base + "lookups"),
                  base + "lookups holds '" + lookup + "' but the model's inputs are " + inputs));
        }
      }
    }

    private String defaultTable(String name, Path file) {
      Path relative = modelsDirectory.relativize(file);
      String namespace =
          relative.getNameCount() > 1 ? relative.getName(0).toString() : DEFAULT_NAMESPACE;
      return namespace + "." + name;
    }

    private String readText(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw LagoaException.external(e, "Cannot read %s: %s", file, e.getMessage());
      }
    }

    private static int lineOf(String text, int offset) {
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      return line;
    }

    private static String stripTrailingSemicolons(String sql) {
      String trimmed = sql.stripTrailing();
      while (trimmed.endsWith(";")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1).stripTrailing();
      }
      return trimmed;
    }
  }

  /** " (did you mean x?)" when one of {@code names} is close to {@code name}, else "". */
  public static String suggestion(String name, Collection<String> names) {
    return Suggestions.closest(name, names).map(best -> " (did you mean " + best + "?)").orElse("");
  }

  /**
   * Where a model's settings are written: a header ({@code basePath} empty) or a YAML file under
   * {@code models/} ({@code models.<name>}).
   */
  private record Configured(YamlText yaml, String basePath, boolean header) {}
}
