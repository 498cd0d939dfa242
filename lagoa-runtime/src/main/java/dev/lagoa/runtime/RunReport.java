package dev.lagoa.runtime;

import dev.lagoa.cdc.CatchUpReport;
import dev.lagoa.ingest.LoadReport;
import dev.lagoa.models.ModelRunReport;
import dev.lagoa.scrape.ScrapeResult;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code lagoa run} did: the web sources it scraped, the landing sources it loaded, the
 * change-data-capture sources it caught up, the sources that failed (a failed source does not stop
 * the others) and, when the project has models, the model run.
 */
public record RunReport(
    List<ScrapeResult> scrapes,
    List<LoadReport> loads,
    List<SourceFailure> failures,
    Optional<ModelRunReport> models,
    List<CatchUpReport> captures) {
  public RunReport {
    scrapes = List.copyOf(scrapes);
    loads = List.copyOf(loads);
    failures = List.copyOf(failures);
    captures = List.copyOf(captures);
  }

  /** A run without change-data-capture sources. */
  public RunReport(
      List<ScrapeResult> scrapes,
      List<LoadReport> loads,
      List<SourceFailure> failures,
      Optional<ModelRunReport> models) {
    this(scrapes, loads, failures, models, List.of());
  }

  public RunReport(
      List<ScrapeResult> scrapes, List<LoadReport> loads, Optional<ModelRunReport> models) {
    this(scrapes, loads, List.of(), models);
  }

  /** Whether every step succeeded. */
  public boolean succeeded() {
    return failures.isEmpty() && models.map(ModelRunReport::succeeded).orElse(true);
  }
}
