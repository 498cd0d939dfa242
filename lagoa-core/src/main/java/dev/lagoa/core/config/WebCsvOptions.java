package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

/**
 * How a downloaded delimited file is read in csv mode.
 *
 * @param csv header, delimiter, quote, encoding; {@code skipLines} are the title lines above the
 *     header, which page-scoped fields read
 * @param footerLines non-blank lines at the end that are totals, not rows
 * @param base64 whether the response body is the file encoded in base64, as B3's download is
 */
public record WebCsvOptions(CsvOptions csv, int footerLines, boolean base64) {
  public static final WebCsvOptions DEFAULT = new WebCsvOptions(CsvOptions.DEFAULT, 0, false);

  public WebCsvOptions {
    requireNonNull(csv, "csv is null");
  }
}
