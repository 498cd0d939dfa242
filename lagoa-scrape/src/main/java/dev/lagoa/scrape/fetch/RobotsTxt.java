package dev.lagoa.scrape.fetch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules of one robots.txt for one crawler, as RFC 9309 reads them: the groups naming the
 * crawler's product token apply, else the {@code *} groups; the longest matching path pattern
 * decides, and {@code Allow} wins a tie. Patterns may use {@code *} and end in {@code $}.
 */
public final class RobotsTxt {
  public static final RobotsTxt ALLOW_ALL = new RobotsTxt(List.of(), null);

  private final List<Rule> rules;
  private final Duration crawlDelay;

  private RobotsTxt(List<Rule> rules, Duration crawlDelay) {
    this.rules = List.copyOf(rules);
    this.crawlDelay = crawlDelay;
  }

  /**
   * @param productToken the crawler's name as robots.txt files address it, {@code LagoaBot}
   */
  public static RobotsTxt parse(String text, String productToken) {
    String token = productToken.toLowerCase(Locale.ROOT);
    List<Rule> specific = new ArrayList<>();
    List<Rule> wildcard = new ArrayList<>();
    Duration specificDelay = null;
    Duration wildcardDelay = null;
    boolean forUs = false;
    boolean forAll = false;
    boolean inAgents = false;
    boolean matchedSpecific = false;
    for (String rawLine : text.split("\r?\n|\r")) {
      String line = rawLine.replaceFirst("#.*", "").trim();
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (key.equals("user-agent")) {
        if (!inAgents) {
          forUs = false;
          forAll = false;
          inAgents = true;
        }
        String agent = value.toLowerCase(Locale.ROOT);
        if (agent.equals("*")) {
          forAll = true;
        } else if (agent.split("/")[0].equals(token)) {
          forUs = true;
          matchedSpecific = true;
        }
        continue;
      }
      inAgents = false;
      List<Rule> target = forUs ? specific : forAll ? wildcard : null;
      if (target == null) {
        continue;
      }
      switch (key) {
        case "allow" -> {
          if (!value.isEmpty()) {
            target.add(new Rule(value, true));
          }
        }
        case "disallow" -> {
          if (!value.isEmpty()) {
            target.add(new Rule(value, false));
          }
        }
        case "crawl-delay" -> {
          Duration delay = delay(value);
          if (forUs) {
            specificDelay = delay;
          } else {
            wildcardDelay = delay;
          }
        }
        default -> {
          // sitemap and other extensions do not limit crawling
        }
      }
    }
    return matchedSpecific
        ? new RobotsTxt(specific, specificDelay)
        : new RobotsTxt(wildcard, wildcardDelay);
  }

  private static Duration delay(String value) {
    try {
      double seconds = Double.parseDouble(value);
      return seconds > 0 ? Duration.ofMillis((long) (seconds * 1000)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether the crawler may fetch {@code pathAndQuery} ({@code /catalogue/page-2.html?x=1}). */
  public boolean allows(String pathAndQuery) {
    Rule best = null;
    for (Rule rule : rules) {
      if (rule.matches(pathAndQuery)
          && (best == null
              || rule.pattern.length() > best.pattern.length()
              || (rule.pattern.length() == best.pattern.length() && rule.allow))) {
        best = rule;
      }
    }
    return best == null || best.allow;
  }

  /** How long the site asks crawlers to wait between requests, if it asks. */
  public Optional<Duration> crawlDelay() {
    return Optional.ofNullable(crawlDelay);
  }

  private record Rule(String pattern, boolean allow) {
    boolean matches(String path) {
      boolean anchored = pattern.endsWith("$");
      String body = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
      return matches(body, 0, path, 0, anchored);
    }

    private static boolean matches(String pattern, int p, String path, int i, boolean anchored) {
      while (p < pattern.length()) {
        char c = pattern.charAt(p);
        if (c == '*') {
          for (int k = i; k <= path.length(); k++) {
            if (matches(pattern, p + 1, path, k, anchored)) {
              return true;
            }
          }
          return false;
        }
        if (i >= path.length() || path.charAt(i) != c) {
          return false;
        }
        p++;
        i++;
      }
      return !anchored || i == path.length();
    }
  }
}
