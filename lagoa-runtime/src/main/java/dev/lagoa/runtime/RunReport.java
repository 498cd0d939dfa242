package dev.lagoa.runtime;

import dev.lagoa.cdc.CatchUpReport;
import dev.lagoa.ingest.LoadReport;
import dev.lagoa.models.ModelRunReport;
import dev.lagoa.scrape.ScrapeResult;
import java.util.List;
import java.util.Optional;

/**
 * What one {@code lagoa run} did: the web sources it scraped, the landing sources it loaded, the
 * change-data-capture sources it caught up and, when the project has models, the model run.
 */
public record RunReport(
    List<ScrapeResult> scrapes,
    List<LoadReport> loads,
    Optional<ModelRunReport> models,
    List<CatchUpReport> captures) {
  public RunReport {
    scrapes = List.copyOf(scrapes);
    loads = List.copyOf(loads);
    captures = List.copyOf(captures);
  }

  /** A run without change-data-capture sources. */
  public RunReport(
      List<ScrapeResult> scrapes, List<LoadReport> loads, Optional<ModelRunReport> models) {
    this(scrapes, loads, models, List.of());
  }

  /** Whether every step succeeded (a failed source stops the run with an exception instead). */
  public boolean succeeded() {
    return models.map(ModelRunReport::succeeded).orElse(true);
  }
}
