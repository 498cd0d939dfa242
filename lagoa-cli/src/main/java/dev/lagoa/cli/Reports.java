package dev.lagoa.cli;

import dev.lagoa.ingest.LoadReport;
import dev.lagoa.runtime.RunReport;
import dev.lagoa.runtime.SourceFailure;
import dev.lagoa.scrape.ScrapeResult;
import java.io.PrintWriter;
import java.util.StringJoiner;

/** How run summaries read on the terminal. */
final class Reports {
  private Reports() {}

  static void printScrape(PrintWriter out, ScrapeResult result) {
    out.printf(
        "%s: %,d pages, %,d rows landed in %s (%.1f s)%n",
        result.source(),
        result.pages(),
        result.rows(),
        result.file(),
        result.elapsed().toMillis() / 1000.0);
    if (result.blocked() > 0 || result.skipped() > 0) {
      out.printf(
          "  %d link(s) disallowed by robots.txt, %d beyond the page limit%n",
          result.blocked(), result.skipped());
    }
    if (result.failedPages() > 0) {
      out.printf(
          "  %d page(s) failed, within crawl.max_errors; listed in %s%n",
          result.failedPages(), result.failuresLog());
    }
    for (String error : result.errors()) {
      out.printf("  warning: %s%n", error);
    }
  }

  /** Sources that failed (on standard error) and what was skipped because of them. */
  static void printFailures(PrintWriter out, PrintWriter err, RunReport report) {
    for (String skipped : report.skipped()) {
      out.printf("skipped %s%n", skipped);
    }
    for (SourceFailure failure : report.failures()) {
      err.printf("error: source %s failed: %s%n", failure.source(), failure.message());
    }
    if (!report.failures().isEmpty()) {
      err.printf(
          "%d source(s) failed; everything that did not depend on them ran%n",
          report.failures().size());
    }
  }

  static void printLoad(PrintWriter out, LoadReport report) {
    out.printf(
        "%s -> %s: %d new file(s), %,d rows loaded, %,d rescued, %,d quarantined; %d file(s) already loaded%n",
        report.source(),
        report.table(),
        report.filesLoaded(),
        report.rowsLoaded(),
        report.rowsRescued(),
        report.rowsQuarantined(),
        report.filesSkipped());
    if (!report.columnsAdded().isEmpty()) {
      out.printf("  new columns: %s%n", String.join(", ", report.columnsAdded()));
    }
    if (!report.rescuedFields().isEmpty()) {
      StringJoiner fields = new StringJoiner(", ");
      report.rescuedFields().forEach((field, rows) -> fields.add(field + " (" + rows + " rows)"));
      out.printf(
          "  warning: values kept in _rescued_data (NULL in their column): %s; a value the column's"
              + " type cannot hold, or a field the schema policy keeps out%n",
          fields);
    }
    if (report.rowsOutOfRange() > 0) {
      out.printf(
          "  warning: %,d rescued row(s) hold a number beyond long's or double's range, kept with"
              + " all its digits in _rescued_data%n",
          report.rowsOutOfRange());
    }
    if (!report.snapshots().isEmpty()) {
      out.printf("  committed snapshot(s): %s%n", report.snapshots());
    }
    if (report.rowsQuarantined() > 0) {
      out.printf(
          "  quarantined records are in %s_quarantine (file, line, reason, raw bytes)%n",
          report.table());
    }
    for (String file : report.filesChanged()) {
      out.printf(
          "  warning: %s changed after it was loaded; it is not loaded again (land a new file instead)%n",
          file);
    }
    for (String file : report.filesVanished()) {
      out.printf(
          "  warning: %s disappeared while loading; it will be loaded when it is back%n", file);
    }
    if (report.quarantineCommitsRecovered() > 0) {
      out.printf(
          "  recovered %d quarantine commit(s) left by an interrupted run%n",
          report.quarantineCommitsRecovered());
    }
  }
}
