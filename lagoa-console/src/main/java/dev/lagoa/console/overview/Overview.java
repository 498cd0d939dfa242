package dev.lagoa.console.overview;

import dev.lagoa.console.Formats;
import dev.lagoa.models.ModelFreshness;
import dev.lagoa.runtime.ProjectLineage;
import dev.lagoa.runtime.ProjectLineage.Edge;
import dev.lagoa.runtime.ProjectLineage.Node;
import dev.lagoa.runtime.ProjectLineage.Stage;
import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.runtime.runs.StepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The overview page: each pipeline's lineage as a diagram whose nodes say how fresh they are, how
 * their last run went and how many rows they hold. Failing and stale nodes are marked in words and
 * colour.
 */
public final class Overview {
  static final int NODE_WIDTH = 232;
  static final int NODE_HEIGHT = 78;
  static final int COLUMN_GAP = 40;
  static final int ROW_GAP = 18;
  static final int MARGIN = 8;

  /** What the catalog says of one table now. */
  public record TableFacts(long rows, Instant committedAt) {}

  /** The overview of a project. */
  public record View(List<Diagram> pipelines, int failing, int stale, int nodes) {}

  /** One pipeline, laid out. */
  public record Diagram(
      String title, int width, int height, List<Box> boxes, List<Arrow> arrows, String summary) {}

  /**
   * One node, placed.
   *
   * @param health {@code ok}, {@code stale}, {@code failing} or {@code idle}
   * @param facts one line: rows and freshness
   */
  public record Box(
      int x,
      int y,
      String label,
      String detail,
      String facts,
      String status,
      String health,
      String href,
      String description) {
    public int width() {
      return NODE_WIDTH;
    }

    public int height() {
      return NODE_HEIGHT;
    }

    public String shortLabel() {
      return label.length() > 29 ? label.substring(0, 28) + "…" : label;
    }
  }

  public record Arrow(String path) {}

  private Overview() {}

  /**
   * Lays out and annotates a project's lineage.
   *
   * @param tables what the catalog holds for each existing table
   * @param freshness model freshness by table
   * @param runs the latest runs, newest first
   */
  public static View of(
      ProjectLineage lineage,
      Map<String, TableFacts> tables,
      Map<String, ModelFreshness.Entry> freshness,
      List<RunRecord> runs,
      Instant now) {
    List<Diagram> diagrams = new ArrayList<>();
    int failing = 0;
    int stale = 0;
    int count = 0;
    int number = 0;
    for (ProjectLineage pipeline : lineage.pipelines()) {
      number++;
      Map<String, Integer> columns = columns(pipeline);
      Map<Integer, Integer> rowsInColumn = new HashMap<>();
      Map<String, int[]> positions = new HashMap<>();
      List<Box> boxes = new ArrayList<>();
      for (Node node : pipeline.nodes()) {
        int column = columns.get(node.id());
        int row = rowsInColumn.merge(column, 1, Integer::sum) - 1;
        int x = MARGIN + column * (NODE_WIDTH + COLUMN_GAP);
        int y = MARGIN + row * (NODE_HEIGHT + ROW_GAP);
        positions.put(node.id(), new int[] {x, y});
        Box box = box(node, x, y, tables, freshness, runs, now);
        boxes.add(box);
        failing += box.health().equals("failing") ? 1 : 0;
        stale += box.health().equals("stale") ? 1 : 0;
        count++;
      }
      List<Arrow> arrows = new ArrayList<>();
      for (Edge edge : pipeline.edges()) {
        int[] from = positions.get(edge.from());
        int[] to = positions.get(edge.to());
        if (from == null || to == null) {
          continue;
        }
        int x1 = from[0] + NODE_WIDTH;
        int y1 = from[1] + NODE_HEIGHT / 2;
        int x2 = to[0] - 6;
        int y2 = to[1] + NODE_HEIGHT / 2;
        int middle = (x1 + x2) / 2;
        arrows.add(
            new Arrow(
                "M" + x1 + "," + y1 + " C" + middle + "," + y1 + " " + middle + "," + y2 + " " + x2
                    + "," + y2));
      }
      int maxColumn = columns.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      int maxRows = rowsInColumn.values().stream().mapToInt(Integer::intValue).max().orElse(1);
      String title = title(pipeline, number);
      diagrams.add(
          new Diagram(
              title,
              2 * MARGIN + (maxColumn + 1) * NODE_WIDTH + maxColumn * COLUMN_GAP,
              2 * MARGIN + maxRows * NODE_HEIGHT + (maxRows - 1) * ROW_GAP,
              boxes,
              arrows,
              pipeline.nodes().size() + " nodes"));
    }
    return new View(diagrams, failing, stale, count);
  }

  private static String title(ProjectLineage pipeline, int number) {
    return pipeline.nodes().stream()
        .filter(node -> node.stage() == Stage.SOURCE)
        .map(Node::label)
        .reduce((a, b) -> a + ", " + b)
        .map(sources -> "Pipeline " + number + ": " + sources)
        .orElse("Pipeline " + number);
  }

  /** Sources, landing and loaded tables take the first three columns; models follow by depth. */
  private static Map<String, Integer> columns(ProjectLineage pipeline) {
    Map<String, Integer> columns = new HashMap<>();
    int last = 0;
    for (Node node : pipeline.nodes()) {
      int column =
          switch (node.stage()) {
            case SOURCE -> 0;
            case LANDING -> 1;
            case LOADED_TABLE -> 2;
            case MODEL_TABLE -> 3 + depth(pipeline, node.id(), new HashMap<>());
            case API_RESOURCE -> -1;
          };
      columns.put(node.id(), column);
      last = Math.max(last, column);
    }
    boolean anySourceSide =
        pipeline.nodes().stream().anyMatch(node -> node.stage().compareTo(Stage.LOADED_TABLE) < 0);
    for (Node node : pipeline.nodes()) {
      if (node.stage() == Stage.API_RESOURCE) {
        columns.put(node.id(), last + 1);
      }
    }
    if (!anySourceSide) {
      int shift = columns.values().stream().mapToInt(Integer::intValue).min().orElse(0);
      columns.replaceAll((id, column) -> column - shift);
    }
    return columns;
  }

  /** How many model tables lie between a model table and the loaded tables. */
  private static int depth(ProjectLineage pipeline, String id, Map<String, Integer> memo) {
    Integer known = memo.get(id);
    if (known != null) {
      return known;
    }
    memo.put(id, 0); // a cycle cannot occur (models are a DAG); this only guards recursion
    int depth = 0;
    for (String parent : pipeline.parents(id)) {
      Optional<Node> node = pipeline.nodes().stream().filter(n -> n.id().equals(parent)).findAny();
      if (node.isPresent() && node.get().stage() == Stage.MODEL_TABLE) {
        depth = Math.max(depth, 1 + depth(pipeline, parent, memo));
      }
    }
    memo.put(id, depth);
    return depth;
  }

  private static Box box(
      Node node,
      int x,
      int y,
      Map<String, TableFacts> tables,
      Map<String, ModelFreshness.Entry> freshness,
      List<RunRecord> runs,
      Instant now) {
    String facts = "";
    String health = "idle";
    String href = "";
    if (!node.table().isEmpty()) {
      TableFacts table = tables.get(node.table());
      href = "/console/tables/" + node.table();
      facts =
          table == null
              ? "not built yet"
              : Formats.count(table.rows())
                  + " rows · "
                  + (table.committedAt() == null ? "empty" : Formats.ago(table.committedAt(), now));
      health = table == null ? "stale" : "ok";
    } else if (node.stage() == Stage.SOURCE || node.stage() == Stage.LANDING) {
      href = "/console/runs";
    }
    Optional<StepRecord> step = lastStep(node.step(), runs);
    String status = step.map(s -> "last run: " + s.status().replace('_', ' ')).orElse("");
    ModelFreshness.Entry entry = freshness.get(node.table());
    if (entry != null && (entry.stale() || entry.state() == ModelFreshness.State.NOT_BUILT)) {
      health = "stale";
      status = status.isEmpty() ? "stale" : status + " · stale";
    }
    if (entry != null && entry.state() == ModelFreshness.State.HAS_ERRORS) {
      health = "failing";
      status = "model has errors";
    }
    if (step.isPresent() && step.get().status().equals("failed")) {
      health = "failing";
    } else if (step.isPresent() && health.equals("idle")) {
      health = "ok";
    }
    String description =
        node.label()
            + ", "
            + node.detail()
            + (facts.isEmpty() ? "" : ", " + facts)
            + (status.isEmpty() ? "" : ", " + status)
            + (health.equals("failing") || health.equals("stale") ? ", " + health : "");
    return new Box(x, y, node.label(), node.detail(), facts, status, health, href, description);
  }

  private static Optional<StepRecord> lastStep(String step, List<RunRecord> runs) {
    if (step.isEmpty()) {
      return Optional.empty();
    }
    int space = step.indexOf(' ');
    String kind = step.substring(0, space);
    String name = step.substring(space + 1);
    for (RunRecord run : runs) {
      for (StepRecord record : run.steps()) {
        if (record.kind().equals(kind) && record.name().equals(name)) {
          return Optional.of(record);
        }
      }
    }
    return Optional.empty();
  }
}
