package dev.lagoa.scrape.extract;

import java.util.List;
import java.util.Map;

/**
 * Reads rows from an HTML page in a way CSS selectors cannot express: JSON embedded in a script
 * ({@code __NEXT_DATA__}, {@code application/ld+json}), values spread over sibling elements, rows
 * that need arithmetic. Named in {@code lagoa.yaml} under {@code extract[].extractor}, by short
 * name for the built-in ones ({@code embedded-json}) or by class name for others, with {@code
 * options}.
 *
 * <p>An implementation has a public constructor taking the rule's options ({@code Map<String,
 * String>}), or none; it should reject bad options there, with a message naming the option. One
 * instance serves every page of a run from several crawler threads at once, so it must keep no
 * state between pages.
 */
public interface RowExtractor {
  /**
   * The rows of one page, each a map from field name to value (String, Number, Boolean or null) in
   * the order the fields should be written. {@code source_url} and {@code scraped_at_utc} are added
   * after.
   *
   * @throws dev.lagoa.core.LagoaException when the page does not hold what the extractor expects,
   *     with the page's URL in the message: that is how a changed site is noticed. Returning no
   *     rows is treated the same way.
   */
  List<Map<String, Object>> extract(HtmlPage page);
}
