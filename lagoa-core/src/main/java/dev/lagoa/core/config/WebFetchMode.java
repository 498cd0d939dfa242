package dev.lagoa.core.config;

/** How a web source gets its pages. */
public enum WebFetchMode {
  /** Static HTML over plain HTTP, parsed without running scripts. */
  HTML,
  /** Pages rendered by a headless Chromium, for listings built by JavaScript. */
  BROWSER,
  /** A paged JSON API. */
  JSON,
  /** A delimited text download such as a CSV file. */
  CSV
}
