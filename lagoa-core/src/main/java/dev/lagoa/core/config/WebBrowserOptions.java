package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How a page is rendered in browser mode before its rows are read.
 *
 * @param executable the Chromium binary (Lagoa never downloads a browser)
 * @param waitFor a CSS selector that must appear before the page is read; empty waits for the load
 *     event only
 * @param loadMore a CSS selector of a "load more" button clicked until it disappears; empty clicks
 *     nothing
 * @param items a CSS selector counted to see that a click loaded something; empty uses the rows
 *     selector of the first extract rule for the page
 * @param maxLoadMore clicks at most per page
 */
public record WebBrowserOptions(
    Path executable, String waitFor, String loadMore, String items, int maxLoadMore) {
  public static final WebBrowserOptions DEFAULT =
      new WebBrowserOptions(Path.of("/usr/bin/chromium"), "", "", "", 100);

  public WebBrowserOptions {
    requireNonNull(executable, "executable is null");
    requireNonNull(waitFor, "waitFor is null");
    requireNonNull(loadMore, "loadMore is null");
    requireNonNull(items, "items is null");
  }
}
