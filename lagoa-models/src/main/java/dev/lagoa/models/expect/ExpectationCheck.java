package dev.lagoa.models.expect;

import static dev.lagoa.duckdb.DuckTypes.literal;
import static java.util.Objects.requireNonNull;

import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.DuckTypes;
import dev.lagoa.models.functions.PortableSql;
import dev.lagoa.models.project.Expectation;
import dev.lagoa.models.project.ExpectationAction;
import dev.lagoa.models.project.Model;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Checks a model's expectations against the rows of one build, held in a DuckDB table: counts the
 * failing rows of each, stops on a {@code fail} expectation with a sample row, and describes which
 * rows stay and which go to quarantine.
 */
public final class ExpectationCheck {
  private ExpectationCheck() {}

  /**
   * The result of checking one batch.
   *
   * @param kept a query over the rows that pass every {@code drop} expectation
   * @param quarantined a query over the dropped rows, one per failed {@code drop} expectation, with
   *     columns {@code expectation}, {@code condition} and {@code row_json}; empty when none
   *     dropped
   */
  public record Outcome(
      List<ExpectationResult> results, long droppedRows, String kept, String quarantined) {
    public Outcome {
      results = List.copyOf(requireNonNull(results, "results is null"));
      requireNonNull(kept, "kept is null");
      requireNonNull(quarantined, "quarantined is null");
    }
  }

  /**
   * @param batch the name of the DuckDB table holding the rows the model produced
   * @throws LagoaException when a {@code fail} expectation fails, naming the model, the expectation
   *     and a failing row; or when a condition is not valid SQL
   */
  public static Outcome check(DuckEngine engine, Model model, String batch) {
    List<Expectation> expectations = model.config().expectations();
    if (expectations.isEmpty()) {
      return new Outcome(List.of(), 0, "SELECT * FROM " + batch, "");
    }
    StringJoiner counts = new StringJoiner(", ", "SELECT count(*), ", " FROM " + batch);
    StringJoiner keep = new StringJoiner(" AND ");
    for (Expectation expectation : expectations) {
      counts.add("count(*) FILTER (WHERE " + failing(expectation) + ")");
      if (expectation.onFailure() == ExpectationAction.DROP) {
        keep.add(passing(expectation));
      }
    }
    if (keep.length() > 0) {
      counts.add("count(*) FILTER (WHERE NOT (" + keep + "))");
    }
    long[] values = new long[expectations.size() + 2];
    String sql = counts.toString();
    try {
      engine.query(
          sql,
          result -> {
            try {
              result.next();
              for (int i = 0; i < values.length - (keep.length() > 0 ? 0 : 1); i++) {
                values[i] = result.getLong(i + 1);
              }
            } catch (SQLException e) {
              throw LagoaException.userInput(
                  "Cannot count expectation failures: %s", e.getMessage());
            }
          });
    } catch (LagoaException e) {
      throw LagoaException.userInput(
          "Cannot check the expectations of model %s: %s", model.name(), e.getMessage());
    }
    long total = values[0];
    long[] counted = values;
    boolean anyFailed = false;
    for (int i = 1; i <= expectations.size(); i++) {
      anyFailed |= values[i] > 0;
    }
    // When no row fails, none fails after deduplication either: spare the second pass.
    boolean deduplicated = !model.config().uniqueKey().isEmpty() && anyFailed;
    if (deduplicated) {
      // Report what the table would hold: the rows left after the model's own deduplication.
      String deduped = deduplicated(model, batch);
      StringJoiner afterDedup = new StringJoiner(", ", "SELECT count(*), ", " FROM " + deduped);
      expectations.forEach(
          expectation -> afterDedup.add("count(*) FILTER (WHERE " + failing(expectation) + ")"));
      counted = new long[expectations.size() + 1];
      long[] into = counted;
      engine.query(
          afterDedup.toString(),
          result -> {
            try {
              result.next();
              for (int i = 0; i < into.length; i++) {
                into[i] = result.getLong(i + 1);
              }
            } catch (SQLException e) {
              throw LagoaException.userInput(
                  "Cannot count expectation failures: %s", e.getMessage());
            }
          });
    }
    long checked = counted[0];
    List<ExpectationResult> results = new ArrayList<>();
    List<Expectation> droppedBy = new ArrayList<>();
    for (int i = 0; i < expectations.size(); i++) {
      Expectation expectation = expectations.get(i);
      long failed = counted[i + 1];
      results.add(
          new ExpectationResult(
              expectation.name(),
              expectation.condition(),
              expectation.onFailure(),
              failed,
              checked,
              deduplicated,
              offendingRows(model, expectation)));
      if (failed > 0 && expectation.onFailure() == ExpectationAction.FAIL) {
        String sample =
            engine
                .queryStrings(
                    "SELECT CAST(to_json(b) AS VARCHAR) FROM "
                        + batch
                        + " b WHERE "
                        + failing(expectation)
                        + " LIMIT 1")
                .get(0);
        throw LagoaException.userInput(
            "Cannot build model %s: expectation %s (%s) failed for %d of %d rows, for example %s",
            model.name(),
            expectation.name(),
            expectation.condition(),
            failed,
            deduplicated ? checked : total,
            sample);
      }
      if (failed > 0 && expectation.onFailure() == ExpectationAction.DROP) {
        droppedBy.add(expectation);
      }
    }
    long dropped = keep.length() > 0 ? values[expectations.size() + 1] : 0;
    String kept =
        keep.length() > 0 ? "SELECT * FROM " + batch + " WHERE " + keep : "SELECT * FROM " + batch;
    return new Outcome(results, dropped, kept, dropped > 0 ? quarantined(batch, droppedBy) : "");
  }

  /**
   * The rows failing any of {@code expectations}, once per expectation they fail, read in one pass
   * over the batch (a full build's batch is the model's whole query).
   */
  static String quarantined(String batch, List<Expectation> expectations) {
    StringJoiner failures = new StringJoiner(", ", "[", "]");
    StringJoiner anyFailing = new StringJoiner(" OR ");
    for (Expectation expectation : expectations) {
      failures.add(
          "CASE WHEN "
              + failing(expectation)
              + " THEN {'expectation': "
              + literal(expectation.name())
              + ", 'condition': "
              + literal(expectation.condition())
              + "} END");
      anyFailing.add(failing(expectation));
    }
    return "SELECT failure.expectation AS expectation, failure.condition AS condition, row_json"
        + " FROM (SELECT CAST(to_json(b) AS VARCHAR) AS row_json, unnest(list_filter("
        + failures
        + ", lambda failure: failure IS NOT NULL)) AS failure FROM "
        + batch
        + " b WHERE "
        + anyFailing
        + ")";
  }

  /** Where the rows failing {@code expectation} can be seen after the build. */
  public static String offendingRows(Model model, Expectation expectation) {
    return switch (expectation.onFailure()) {
      case WARN -> "SELECT * FROM " + model.config().table() + " WHERE " + failing(expectation);
      case DROP ->
          "SELECT row_json FROM "
              + Quarantine.TABLE
              + " WHERE model = "
              + literal(model.name())
              + " AND expectation = "
              + literal(expectation.name())
              + " ORDER BY quarantined_at DESC";
      case FAIL -> "";
    };
  }

  /** The batch reduced to one row per unique key, the first by order_by, as the build does. */
  private static String deduplicated(Model model, String batch) {
    StringJoiner keys = new StringJoiner(", ");
    model.config().uniqueKey().forEach(column -> keys.add(DuckTypes.quote(column)));
    String order =
        model.config().orderBy().isEmpty()
            ? ""
            : " ORDER BY " + String.join(", ", model.config().orderBy());
    return "(SELECT * FROM "
        + batch
        + " QUALIFY row_number() OVER (PARTITION BY "
        + keys
        + order
        + ") = 1)";
  }

  private static String passing(Expectation expectation) {
    return "coalesce((" + PortableSql.rewrite(expectation.condition()) + "), false)";
  }

  private static String failing(Expectation expectation) {
    return "NOT " + passing(expectation);
  }
}
