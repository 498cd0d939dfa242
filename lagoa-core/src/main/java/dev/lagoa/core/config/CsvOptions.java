package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/** How to read CSV files: header line, delimiter, quote and the file's character encoding. */
public record CsvOptions(
    boolean header, char delimiter, char quote, Charset encoding, int skipLines) {
  public static final CsvOptions DEFAULT =
      new CsvOptions(true, ',', '"', java.nio.charset.StandardCharsets.UTF_8, 0);

  public CsvOptions {
    requireNonNull(encoding, "encoding is null");
  }

  /**
   * Reads {@code header}, {@code delimiter}, {@code quote}, {@code encoding} and {@code
   * skip_lines}.
   */
  static CsvOptions read(ConfigNode node) {
    Charset encoding = DEFAULT.encoding();
    String encodingName = node.string("encoding", encoding.name());
    try {
      encoding = Charset.forName(encodingName);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      node.problems()
          .add(
              node.path() + ".encoding",
              "was '" + encodingName + "' but it is not a known character set");
    }
    return new CsvOptions(
        node.bool("header", DEFAULT.header()),
        singleChar(node, "delimiter", DEFAULT.delimiter()),
        singleChar(node, "quote", DEFAULT.quote()),
        encoding,
        node.integer("skip_lines", 0, 0));
  }

  private static char singleChar(ConfigNode node, String key, char defaultValue) {
    String value = node.string(key, String.valueOf(defaultValue));
    if (value.equals("\\t")) {
      return '\t';
    }
    if (value.length() != 1) {
      node.problems()
          .add(node.path() + "." + key, "was '" + value + "' but it must be a single character");
      return defaultValue;
    }
    return value.charAt(0);
  }
}
