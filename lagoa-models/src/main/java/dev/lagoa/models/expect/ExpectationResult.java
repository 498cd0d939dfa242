package dev.lagoa.models.expect;

import static java.util.Objects.requireNonNull;

import dev.lagoa.models.project.ExpectationAction;
import java.util.Locale;

/**
 * How many rows of one build failed one expectation.
 *
 * @param failedRows rows for which the condition was FALSE or NULL, counted after the model's own
 *     deduplication (one row per {@code unique_key}) when it has one
 * @param checkedRows the rows the expectation was checked on, counted the same way
 * @param deduplicated whether the counts are after the model's deduplication
 * @param offendingRows a query that shows the failing rows where they are kept: in the model's
 *     table ({@code warn}) or in the quarantine table ({@code drop}); empty for {@code fail}
 */
public record ExpectationResult(
    String name,
    String condition,
    ExpectationAction action,
    long failedRows,
    long checkedRows,
    boolean deduplicated,
    String offendingRows) {
  public ExpectationResult {
    requireNonNull(name, "name is null");
    requireNonNull(condition, "condition is null");
    requireNonNull(action, "action is null");
    requireNonNull(offendingRows, "offendingRows is null");
  }

  public boolean passed() {
    return failedRows == 0;
  }

  /**
   * One line for people: {@code expectation known_color (color IN ('red'), warn): failed for 1 of 3
   * rows; rows kept, see them with: lagoa sql "..."}.
   */
  public String describe() {
    String head =
        "expectation "
            + name
            + " ("
            + condition
            + ", "
            + action.name().toLowerCase(Locale.ROOT)
            + "): ";
    String rows =
        checkedRows
            + (checkedRows == 1 ? " row" : " rows")
            + (deduplicated ? " after deduplication by unique_key" : "");
    if (passed()) {
      return head + "passed for all " + rows;
    }
    String outcome =
        switch (action) {
          case WARN -> "; rows kept";
          case DROP -> "; rows dropped to quarantine";
          case FAIL -> "; nothing written";
        };
    return head
        + "failed for "
        + failedRows
        + " of "
        + rows
        + outcome
        + (offendingRows.isEmpty() ? "" : ", see them with: lagoa sql \"" + offendingRows + "\"");
  }
}
