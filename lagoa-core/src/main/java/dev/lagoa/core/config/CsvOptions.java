package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.charset.Charset;

/** How to read CSV files: header line, delimiter, quote and the file's character encoding. */
public record CsvOptions(boolean header, char delimiter, char quote, Charset encoding, int skipLines) {
  public static final CsvOptions DEFAULT =
      new CsvOptions(true, ',', '"', java.nio.charset.StandardCharsets.UTF_8, 0);

  public CsvOptions {
    requireNonNull(encoding, "encoding is null");
  }
}
