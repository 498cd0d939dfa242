package dev.lagoa.cli;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.WebErrorBudget;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.runtime.Lakehouse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "scrape",
    description = "Run one web source: crawl, extract, land one timestamped file.")
final class ScrapeCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Parameters(
      index = "0",
      paramLabel = "SOURCE",
      description = "A source of type web in lagoa.yaml.")
  String source;

  @Option(
      names = "--max-pages",
      description = "Fetch at most this many pages (overrides crawl.max_pages).")
  Integer maxPages;

  @Option(
      names = "--max-errors",
      paramLabel = "N|P%",
      description =
          "Pages that may fail (a count, or a percentage of the pages tried) before the run fails;"
              + " overrides crawl.max_errors and LAGOA_SCRAPE_MAX_ERRORS.")
  String maxErrors;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (Lakehouse lake = Lakehouse.open(project.directory);
        ProgressBar progress = ProgressBar.onTerminal()) {
      WebSourceConfig web = lake.source(source, WebSourceConfig.class);
      if (maxPages != null) {
        web = web.withMaxPages(maxPages);
      }
      if (maxErrors != null) {
        WebErrorBudget budget =
            WebErrorBudget.parse(maxErrors)
                .orElseThrow(
                    () ->
                        LagoaException.userInput(
                            "Cannot scrape: --max-errors was '%s' but it must be a number of pages"
                                + " (5) or a percentage of the pages tried (10%%)",
                            maxErrors));
        web = web.withCrawl(web.crawl().withMaxErrors(budget));
      }
      var result = lake.scrape(web, progress);
      progress.clear();
      Reports.printScrape(spec.commandLine().getOut(), result);
    }
    return Main.OK;
  }
}
