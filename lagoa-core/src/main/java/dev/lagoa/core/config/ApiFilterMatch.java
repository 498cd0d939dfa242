package dev.lagoa.core.config;

/**
 * How a query parameter filters a resource's column: {@code ?category=Poetry} (equals), {@code
 * ?category=Poetry,Travel} (one of), {@code ?price_min=10&price_max=20} (range, either bound
 * optional), {@code ?title=light} (contains, case-insensitive).
 */
public enum ApiFilterMatch {
  EQUALS,
  ONE_OF,
  RANGE,
  CONTAINS
}
