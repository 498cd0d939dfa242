package dev.lagoa.runtime;

import dev.lagoa.cdc.CatchUpReport;
import dev.lagoa.core.ErrorCategory;
import dev.lagoa.ingest.LoadReport;
import dev.lagoa.models.ModelRunReport;
import dev.lagoa.scrape.ScrapeResult;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code lagoa run} did: the web sources it scraped, the landing sources it loaded, the
 * sources that failed (a failed source does not stop the others), when the project has models, the
 * model run, and the change-data-capture sources it caught up.
 *
 * @param failures sources that failed; the run went on with what did not depend on them
 * @param skipped sources and models not run, each with the reason ({@code ibov_csv_raw: its web
 *     source ibov_csv failed})
 * @param captures change-data-capture sources caught up to the database's position at the start
 */
public record RunReport(
    List<ScrapeResult> scrapes,
    List<LoadReport> loads,
    List<SourceFailure> failures,
    Optional<ModelRunReport> models,
    List<String> skipped,
    List<CatchUpReport> captures) {
  public RunReport {
    scrapes = List.copyOf(scrapes);
    loads = List.copyOf(loads);
    failures = List.copyOf(failures);
    skipped = List.copyOf(skipped);
    captures = List.copyOf(captures);
  }

  /** A run without change-data-capture sources. */
  public RunReport(
      List<ScrapeResult> scrapes,
      List<LoadReport> loads,
      List<SourceFailure> failures,
      Optional<ModelRunReport> models,
      List<String> skipped) {
    this(scrapes, loads, failures, models, skipped, List.of());
  }

  public RunReport(
      List<ScrapeResult> scrapes,
      List<LoadReport> loads,
      List<SourceFailure> failures,
      Optional<ModelRunReport> models) {
    this(scrapes, loads, failures, models, List.of(), List.of());
  }

  public RunReport(
      List<ScrapeResult> scrapes, List<LoadReport> loads, Optional<ModelRunReport> models) {
    this(scrapes, loads, List.of(), models, List.of(), List.of());
  }

  /** Whether every step succeeded. */
  public boolean succeeded() {
    return failures.isEmpty() && models.map(ModelRunReport::succeeded).orElse(true);
  }

  /** The category of the first failure, sources before models; empty when the run succeeded. */
  public Optional<ErrorCategory> failureCategory() {
    if (!failures.isEmpty()) {
      return Optional.of(failures.get(0).category());
    }
    return models.flatMap(ModelRunReport::failureCategory);
  }
}
