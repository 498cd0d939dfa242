package dev.lagoa.scrape.fetch;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Decides whether the crawler may fetch a URL, reading each host's robots.txt once (the first
 * thread to need it fetches it; the others wait for that answer). A missing robots.txt (HTTP 4xx)
 * allows everything; one that cannot be read at all (5xx, no answer) stops the run, since RFC 9309
 * then asks crawlers to assume everything is disallowed and a silent empty run would hide why.
 */
public final class RobotsPolicy {
  private final PageFetcher fetcher;
  private final String productToken;
  private final HostRateLimiter limiter;
  private final Map<String, CompletableFuture<RobotsTxt>> byHost = new ConcurrentHashMap<>();

  /**
   * @param fetcher fetches robots.txt files, with retries
   * @param userAgent the crawler's User-Agent; its first word is the token robots.txt files address
   * @param limiter told about Crawl-delay requests
   */
  public RobotsPolicy(PageFetcher fetcher, String userAgent, HostRateLimiter limiter) {
    this.fetcher = requireNonNull(fetcher, "fetcher is null");
    this.productToken = userAgent.trim().split("[/\\s]")[0];
    this.limiter = requireNonNull(limiter, "limiter is null");
  }

  public boolean allows(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
    return rulesFor(RetryingFetcher.hostOf(url)).allows(path + query);
  }

  public String productToken() {
    return productToken;
  }

  private RobotsTxt rulesFor(String host) {
    CompletableFuture<RobotsTxt> mine = new CompletableFuture<>();
    CompletableFuture<RobotsTxt> existing = byHost.putIfAbsent(host, mine);
    if (existing == null) {
      try {
        mine.complete(read(host));
      } catch (RuntimeException e) {
        mine.completeExceptionally(e);
      }
      existing = mine;
    }
    try {
      return existing.get();
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(false, "Cannot read " + host + "/robots.txt: interrupted", e);
    }
  }

  private RobotsTxt read(String host) {
    URI robots = URI.create(host + "/robots.txt");
    try {
      RobotsTxt rules =
          RobotsTxt.parse(fetcher.fetch(robots).text(StandardCharsets.UTF_8), productToken);
      rules.crawlDelay().ifPresent(delay -> limiter.slowDown(host, delay));
      return rules;
    } catch (FetchException e) {
      if (!e.retryable()) {
        return RobotsTxt.ALLOW_ALL; // 4xx: the site has no robots.txt
      }
      throw new FetchException(
          false,
          "Cannot read "
              + robots
              + ", so cannot tell which pages "
              + productToken
              + " may crawl ("
              + e.getMessage()
              + "); set crawl.robots_txt: false only for a site you are allowed to crawl",
          e);
    }
  }
}
