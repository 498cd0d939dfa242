package dev.lagoa.scrape.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RobotsTxtTest {
  private static final String ROBOTS =
      """
      # comments and sitemaps do not matter
      Sitemap: https://example.com/sitemap.xml

      User-agent: *
      Disallow: /search
      Allow: /search/title/
      Disallow: /*.pdf$
      Crawl-delay: 2

      User-agent: GreedyBot
      User-agent: lagoabot
      Disallow: /private/
      Crawl-delay: 0.5
      """;

  @Test
  void theGroupNamingTheCrawlerReplacesTheWildcardGroup() {
    RobotsTxt lagoa = RobotsTxt.parse(ROBOTS, "LagoaBot");

    assertThat(lagoa.allows("/private/x.html")).isFalse();
    assertThat(lagoa.allows("/search?q=x")).isTrue();
    assertThat(lagoa.crawlDelay()).contains(Duration.ofMillis(500));
  }

  @Test
  void theLongestMatchingRuleDecidesAndAllowWinsATie() {
    RobotsTxt other = RobotsTxt.parse(ROBOTS, "OtherBot");

    assertThat(other.allows("/search?q=x")).isFalse();
    assertThat(other.allows("/search/title/?groups=top_250")).isTrue();
    assertThat(other.allows("/")).isTrue();
    assertThat(other.crawlDelay()).contains(Duration.ofSeconds(2));
    assertThat(RobotsTxt.parse("User-agent: *\nDisallow: /a\nAllow: /a\n", "x").allows("/a"))
        .isTrue();
  }

  @Test
  void wildcardsMatchAnyTextAndDollarAnchorsTheEnd() {
    RobotsTxt other = RobotsTxt.parse(ROBOTS, "OtherBot");

    assertThat(other.allows("/docs/report.pdf")).isFalse();
    assertThat(other.allows("/docs/report.pdf?download=1")).isTrue();
  }

  @Test
  void anEmptyDisallowAllowsEverything() {
    assertThat(RobotsTxt.parse("User-agent: *\nDisallow:\n", "LagoaBot").allows("/anything"))
        .isTrue();
    assertThat(RobotsTxt.parse("User-agent: *\nDisallow: /\n", "LagoaBot").allows("/anything"))
        .isFalse();
  }
}
