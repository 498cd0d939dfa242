package dev.lagoa.cli;

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

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (Lakehouse lake = Lakehouse.open(project.directory);
        ProgressBar progress = ProgressBar.onTerminal()) {
      WebSourceConfig web = lake.source(source, WebSourceConfig.class);
      if (maxPages != null) {
        web = web.withMaxPages(maxPages);
      }
      var result = lake.scrape(web, progress);
      progress.clear();
      Reports.printScrape(spec.commandLine().getOut(), result);
    }
    return Main.OK;
  }
}
