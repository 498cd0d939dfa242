package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

/**
 * Which links of a page the crawler follows.
 *
 * @param selector CSS selector of the elements whose {@code href} is followed
 * @param pattern a regular expression the absolute link must contain; empty accepts every link
 * @param pages a regular expression found in the URLs of the pages this rule applies to; empty
 *     means all
 * @param required whether a page where the selector matches nothing fails the run: for links that
 *     must be there, such as a category list, so that a markup change cannot silently shrink the
 *     crawl
 */
public record WebLinkRule(String selector, String pattern, String pages, boolean required) {
  public WebLinkRule {
    requireNonNull(selector, "selector is null");
    requireNonNull(pattern, "pattern is null");
    requireNonNull(pages, "pages is null");
  }
}
