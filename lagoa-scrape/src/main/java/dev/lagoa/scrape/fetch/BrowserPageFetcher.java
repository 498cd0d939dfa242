package dev.lagoa.scrape.fetch;

import static java.util.Objects.requireNonNull;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.WaitUntilState;
import dev.lagoa.core.config.WebBrowserOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Fetches pages by rendering them in headless Chromium: waits for a selector, clicks a "load more"
 * button until it disappears, and returns the resulting DOM as HTML. Every row element is marked
 * with the attribute {@value #PAGE_ATTRIBUTE}: 1 for rows shown at first, 2 for rows the first
 * click revealed, and so on, so that a listing's "page" survives the loss of its pagination.
 *
 * <p>Holds up to {@code sessions} browsers, one per concurrent fetch, each started on first need.
 */
public final class BrowserPageFetcher implements PageFetcher {
  /** The attribute that tells which load of a "load more" listing a row came with. */
  public static final String PAGE_ATTRIBUTE = "data-lagoa-page";

  private static final String MARK_ROWS =
      "([selector, page]) => { for (const e of document.querySelectorAll(selector))"
          + " if (!e.hasAttribute('"
          + PAGE_ATTRIBUTE
          + "')) e.setAttribute('"
          + PAGE_ATTRIBUTE
          + "', String(page)); }";
  private static final String LOADED_MORE =
      "([items, before, button]) => document.querySelectorAll(items).length > before"
          + " || !document.querySelector(button)";

  private final WebBrowserOptions options;
  private final Function<URI, String> itemsSelector;
  private final String userAgent;
  private final Duration timeout;
  private final Clock clock;
  private final int maxSessions;
  private final BlockingQueue<BrowserSession> idle = new LinkedBlockingQueue<>();
  private final List<BrowserSession> all = new ArrayList<>();

  /**
   * @param itemsSelector the CSS selector of a page's rows, counted to see that a click loaded
   *     more; empty when the page has no "load more" rows
   */
  public BrowserPageFetcher(
      WebBrowserOptions options,
      Function<URI, String> itemsSelector,
      int sessions,
      String userAgent,
      Duration timeout,
      Clock clock) {
    this.options = requireNonNull(options, "options is null");
    this.itemsSelector = requireNonNull(itemsSelector, "itemsSelector is null");
    this.maxSessions = sessions;
    this.userAgent = requireNonNull(userAgent, "userAgent is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public FetchedPage fetch(URI url) {
    BrowserSession session = borrow();
    try {
      String html = session.call(() -> render(session, url));
      return new FetchedPage(
          url,
          url,
          200,
          "text/html; charset=utf-8",
          html.getBytes(StandardCharsets.UTF_8),
          clock.instant());
    } finally {
      idle.add(session);
    }
  }

  private BrowserSession borrow() {
    BrowserSession session = idle.poll();
    if (session != null) {
      return session;
    }
    synchronized (all) {
      if (all.size() < maxSessions) {
        BrowserSession created =
            new BrowserSession(options.executable(), userAgent, all.size() + 1);
        all.add(created);
        return created;
      }
    }
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(
          false, "Cannot render pages: interrupted while waiting for a browser", e);
    }
  }

  /** Runs on the session's thread. */
  private String render(BrowserSession session, URI url) {
    Page page = session.context().newPage();
    try {
      page.setDefaultTimeout(timeout.toMillis());
      Response response;
      try {
        response =
            page.navigate(
                url.toString(),
                new Page.NavigateOptions()
                    .setTimeout(timeout.toMillis())
                    .setWaitUntil(WaitUntilState.LOAD));
      } catch (TimeoutError e) {
        throw new FetchException(
            true,
            "Cannot render " + url + ": it did not load within " + timeout.toMillis() + " ms",
            e);
      } catch (PlaywrightException e) {
        throw new FetchException(
            true, "Cannot render " + url + ": " + BrowserSession.firstLine(e.getMessage()), e);
      }
      if (response != null && response.status() >= 400) {
        throw new FetchException(
            FetchException.retryableStatus(response.status()),
            "Cannot fetch " + url + ": HTTP " + response.status());
      }
      if (!options.waitFor().isEmpty()) {
        waitFor(page, url);
      }
      String items = itemsSelector.apply(url);
      if (!items.isEmpty()) {
        page.evaluate(MARK_ROWS, List.of(items, 1));
      }
      if (!options.loadMore().isEmpty()) {
        loadAll(page, url, items);
      }
      return page.content();
    } finally {
      page.close();
    }
  }

  private void waitFor(Page page, URI url) {
    try {
      page.waitForSelector(
          options.waitFor(), new Page.WaitForSelectorOptions().setTimeout(timeout.toMillis()));
    } catch (TimeoutError e) {
      throw new FetchException(
          false,
          "Cannot render "
              + url
              + ": selector '"
              + options.waitFor()
              + "' did not appear within "
              + timeout.toMillis()
              + " ms");
    }
  }

  /** Clicks "load more" until the button is gone (or hidden), marking the rows each click adds. */
  private void loadAll(Page page, URI url, String items) {
    for (int click = 1; click <= options.maxLoadMore(); click++) {
      Locator button = page.locator(options.loadMore()).first();
      if (button.count() == 0 || !button.isVisible()) {
        return;
      }
      int before =
          ((Number) page.evaluate("s => document.querySelectorAll(s).length", items)).intValue();
      button.click();
      try {
        page.waitForFunction(
            LOADED_MORE,
            List.of(items, before, options.loadMore()),
            new Page.WaitForFunctionOptions().setTimeout(timeout.toMillis()));
      } catch (TimeoutError e) {
        throw new FetchException(
            true,
            "Cannot load more rows on "
                + url
                + ": clicking '"
                + options.loadMore()
                + "' added no '"
                + items
                + "' within "
                + timeout.toMillis()
                + " ms");
      }
      page.evaluate(MARK_ROWS, List.of(items, click + 1));
    }
  }

  @Override
  public void close() {
    synchronized (all) {
      RuntimeException failure = null;
      for (BrowserSession session : all) {
        try {
          session.close();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      all.clear();
      idle.clear();
      if (failure != null) {
        throw failure;
      }
    }
  }
}
