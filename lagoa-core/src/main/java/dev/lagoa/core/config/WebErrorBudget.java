package dev.lagoa.core.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many pages of a crawl may fail (after retries: dead links, server errors, timeouts) before
 * the run fails and lands nothing: a count ({@code 5}) or a share of the pages tried ({@code 10%}).
 * A page that is fetched but no longer matches the declared markup always fails the run, whatever
 * the budget: that is a changed site, not a dead link.
 *
 * @param count with {@code ratio} null: more failed pages than this fail the run; 0 fails on the
 *     first
 * @param ratio a share in [0, 1], or null for a count: the run fails when more than this share of
 *     the pages it tried failed (checked when the crawl ends, and as soon as the failures exceed
 *     the share of the page limit)
 */
public record WebErrorBudget(int count, Double ratio) {
  /** A crawl with a few dead links lands what it found; a site that is down or gone fails. */
  public static final WebErrorBudget DEFAULT = ofRatio(0.10);

  /** The environment variable that overrides {@code crawl.max_errors} of every web source. */
  public static final String ENVIRONMENT_VARIABLE = "LAGOA_SCRAPE_MAX_ERRORS";

  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

  public WebErrorBudget {
    if (count < 0) {
      throw new IllegalArgumentException("count was " + count + " but it must be 0 or more");
    }
    if (ratio != null && !(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("ratio was " + ratio + " but it must be in [0, 1]");
    }
  }

  public static WebErrorBudget ofCount(int count) {
    return new WebErrorBudget(count, null);
  }

  public static WebErrorBudget ofRatio(double ratio) {
    return new WebErrorBudget(0, ratio);
  }

  /** Reads {@code 5} or {@code 10%}; empty when the text is neither. */
  public static Optional<WebErrorBudget> parse(String text) {
    String value = text.strip();
    if (value.matches("\\d{1,9}")) {
      return Optional.of(ofCount(Integer.parseInt(value)));
    }
    Matcher percent = PERCENT.matcher(value);
    if (percent.matches()) {
      double share = Double.parseDouble(percent.group(1)) / 100;
      return share <= 1 ? Optional.of(ofRatio(share)) : Optional.empty();
    }
    return Optional.empty();
  }

  /** Whether {@code failed} pages out of {@code tried} are more than the budget allows. */
  public boolean exceededBy(int failed, int tried) {
    return ratio == null ? failed > count : failed > 0 && failed > ratio * tried;
  }

  /** Whether {@code failed} pages already exceed the budget however many more pages succeed. */
  public boolean exceededFor(int failed, int maxPages) {
    return ratio == null ? failed > count : failed > ratio * maxPages;
  }

  @Override
  public String toString() {
    if (ratio == null) {
      return Integer.toString(count);
    }
    String percent = String.format(Locale.ROOT, "%.2f", ratio * 100).replaceAll("\\.?0+$", "");
    return percent + "%";
  }
}
