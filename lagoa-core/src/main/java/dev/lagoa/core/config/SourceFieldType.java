package dev.lagoa.core.config;

/** What a scraped field's text is turned into. */
public enum SourceFieldType {
  /**
   * The value as the source gives it: text from HTML and CSV, the JSON value's own type from JSON.
   */
  AUTO,
  TEXT,
  /**
   * The first number in the text, with the field's locale grouping: "In stock (22 available)" → 22.
   */
  INTEGER,
  /** The first number in the text, with the field's locale separators: "£51.77" → 51.77. */
  DECIMAL,
  /** A number written as an English word, as in a CSS class: "star-rating Three" → 3. */
  WORD_NUMBER,
  /** A date in the field's format ({@code dd/MM/yy}), written as ISO-8601. */
  DATE,
  /**
   * A link, made absolute against the URL of the page it is on: {@code ../book_1/index.html} →
   * {@code https://site/catalogue/book_1/index.html}.
   */
  URL
}
