package dev.lagoa.scrape.crawl;

import dev.lagoa.scrape.fetch.FetchedPage;
import java.util.List;
import java.util.Map;

/**
 * Where the crawler puts each page's rows as soon as it has them. Called by several threads at
 * once.
 */
@FunctionalInterface
public interface RowSink {
  /**
   * @return how many of the rows were kept (duplicates may be dropped)
   */
  int accept(FetchedPage page, List<Map<String, Object>> rows);
}
