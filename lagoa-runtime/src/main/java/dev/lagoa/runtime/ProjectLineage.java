package dev.lagoa.runtime;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.config.ApiResource;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.SourceConfig;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.template.TemplateReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a project's data flows, read from {@code lagoa.yaml} and the models: sources (web, files) →
 * landing directories → loaded (bronze) tables → model tables → API resources. The graph falls
 * apart into pipelines, one per connected group of nodes. Reads the configuration only; how fresh
 * each node is comes from the catalog and the run history.
 *
 * @param nodes in stage order, then in the order of the configuration
 * @param edges each from the node data comes from to the node it flows to
 */
public record ProjectLineage(List<Node> nodes, List<Edge> edges) {
  public ProjectLineage {
    nodes = List.copyOf(requireNonNull(nodes, "nodes is null"));
    edges = List.copyOf(requireNonNull(edges, "edges is null"));
  }

  /** What a node stands for, in the order data flows through them. */
  public enum Stage {
    SOURCE,
    LANDING,
    LOADED_TABLE,
    MODEL_TABLE,
    API_RESOURCE
  }

  /**
   * One node.
   *
   * @param id unique within the graph ({@code table:bronze.cars})
   * @param label what people read ({@code bronze.cars})
   * @param detail the kind of source, the model that builds a table, the loader of a table
   * @param table the catalog table for loaded and model tables, empty otherwise
   * @param step the run step that writes it ({@code load car_readings}, {@code model silver}),
   *     empty for landing directories and API resources
   */
  public record Node(
      String id, Stage stage, String label, String detail, String table, String step) {
    public Node {
      requireNonNull(id, "id is null");
      requireNonNull(stage, "stage is null");
      requireNonNull(label, "label is null");
      requireNonNull(detail, "detail is null");
      requireNonNull(table, "table is null");
      requireNonNull(step, "step is null");
    }
  }

  public record Edge(String from, String to) {
    public Edge {
      requireNonNull(from, "from is null");
      requireNonNull(to, "to is null");
    }
  }

  /**
   * The lineage of a project.
   *
   * @param models the project's models, or null when it has none
   */
  public static ProjectLineage of(ProjectConfig config, ModelProject models) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    Set<Edge> edges = new LinkedHashSet<>();
    Path directory = config.directory();
    for (SourceConfig source : config.sources().values()) {
      if (source instanceof WebSourceConfig web) {
        String landing = landingId(web.landing());
        add(
            nodes,
            new Node(
                sourceId(web.name()),
                Stage.SOURCE,
                web.name(),
                "web " + lower(web.mode()),
                "",
                "scrape " + web.name()));
        add(
            nodes,
            new Node(
                landing, Stage.LANDING, relative(directory, web.landing()), "landing", "", ""));
        edges.add(new Edge(sourceId(web.name()), landing));
      }
    }
    for (SourceConfig source : config.sources().values()) {
      if (source instanceof FilesSourceConfig files) {
        String landing = landingId(files.directory());
        boolean fed =
            config.sources().values().stream()
                .anyMatch(s -> s instanceof WebSourceConfig web && SourceGraph.feeds(web, files));
        if (!fed) {
          add(
              nodes,
              new Node(
                  sourceId(files.name()),
                  Stage.SOURCE,
                  files.name(),
                  "files (" + lower(files.format()) + ")",
                  "",
                  ""));
          edges.add(new Edge(sourceId(files.name()), landing));
        }
        add(
            nodes,
            new Node(
                landing, Stage.LANDING, relative(directory, files.directory()), "landing", "", ""));
        String table = files.table().toLowerCase(Locale.ROOT);
        add(
            nodes,
            new Node(
                tableId(table),
                Stage.LOADED_TABLE,
                table,
                "loaded by " + files.name(),
                table,
                "load " + files.name()));
        edges.add(new Edge(landing, tableId(table)));
        for (Node web : List.copyOf(nodes.values())) {
          if (web.stage() == Stage.SOURCE
              && config.sources().get(web.label()) instanceof WebSourceConfig w
              && SourceGraph.feeds(w, files)) {
            edges.add(new Edge(landingId(w.landing()), tableId(table)));
          }
        }
      }
    }
    if (models != null) {
      Map<String, String> tableOfModel = new HashMap<>();
      for (String name : models.graph().order()) {
        tableOfModel.put(name, models.model(name).config().table().toLowerCase(Locale.ROOT));
      }
      for (String name : models.graph().order()) {
        Model model = models.model(name);
        String table = tableOfModel.get(name);
        add(
            nodes,
            new Node(
                tableId(table), Stage.MODEL_TABLE, table, "model " + name, table, "model " + name));
        for (TemplateReference reference : model.sql().references()) {
          if (reference instanceof TemplateReference.Source source) {
            String read =
                models.sourceTable(source.source(), source.table()).toLowerCase(Locale.ROOT);
            add(nodes, new Node(tableId(read), Stage.LOADED_TABLE, read, "source table", read, ""));
            edges.add(new Edge(tableId(read), tableId(table)));
          } else if (reference instanceof TemplateReference.Ref ref
              && tableOfModel.containsKey(ref.model())) {
            edges.add(new Edge(tableId(tableOfModel.get(ref.model())), tableId(table)));
          }
        }
      }
    }
    for (ApiResource resource : config.api().resources().values()) {
      String table = resource.table().toLowerCase(Locale.ROOT);
      String id = "resource:" + resource.name();
      add(
          nodes,
          new Node(id, Stage.API_RESOURCE, "/api/v1/" + resource.name(), "API resource", "", ""));
      if (nodes.containsKey(tableId(table))) {
        edges.add(new Edge(tableId(table), id));
      }
    }
    List<Node> ordered = new ArrayList<>(nodes.values());
    ordered.sort((a, b) -> a.stage().compareTo(b.stage()));
    return new ProjectLineage(ordered, List.copyOf(edges));
  }

  /** The pipelines: groups of nodes connected by edges, each with the edges between them. */
  public List<ProjectLineage> pipelines() {
    Map<String, String> group = new HashMap<>();
    nodes.forEach(node -> group.put(node.id(), node.id()));
    for (Edge edge : edges) {
      String a = root(group, edge.from());
      String b = root(group, edge.to());
      if (!a.equals(b)) {
        group.put(a, b);
      }
    }
    Map<String, List<Node>> byGroup = new LinkedHashMap<>();
    for (Node node : nodes) {
      byGroup.computeIfAbsent(root(group, node.id()), g -> new ArrayList<>()).add(node);
    }
    List<ProjectLineage> pipelines = new ArrayList<>();
    for (List<Node> members : byGroup.values()) {
      Set<String> ids = new LinkedHashSet<>();
      members.forEach(node -> ids.add(node.id()));
      pipelines.add(
          new ProjectLineage(
              members, edges.stream().filter(edge -> ids.contains(edge.from())).toList()));
    }
    return pipelines;
  }

  /** The nodes data of {@code id} comes from directly. */
  public List<String> parents(String id) {
    return edges.stream().filter(edge -> edge.to().equals(id)).map(Edge::from).toList();
  }

  private static String root(Map<String, String> group, String id) {
    String current = id;
    while (!group.get(current).equals(current)) {
      current = group.get(current);
    }
    return current;
  }

  private static void add(Map<String, Node> nodes, Node node) {
    nodes.putIfAbsent(node.id(), node);
  }

  private static String sourceId(String name) {
    return "source:" + name;
  }

  private static String landingId(Path directory) {
    return "landing:" + directory.toAbsolutePath().normalize();
  }

  private static String tableId(String table) {
    return "table:" + table;
  }

  private static String relative(Path project, Path directory) {
    Path absolute = directory.toAbsolutePath().normalize();
    Path base = project.toAbsolutePath().normalize();
    return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
