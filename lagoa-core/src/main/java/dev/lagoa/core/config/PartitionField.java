package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code partition_by} entry of a source or model, parsed when {@code lagoa.yaml} or the model
 * is read: a column ({@code event_date}), a time transform of a column ({@code day(ts)}, {@code
 * month(ts)}, {@code year(ts)}, {@code hour(ts)}, also written {@code days(ts)} as in Iceberg's
 * DDL) or a truncation ({@code truncate(name, 4)} or, as in Iceberg's DDL, {@code truncate(4,
 * name)}). Whether the column exists is checked when the table is created, since a table's columns
 * are known only then.
 *
 * @param text the entry as written, kept for messages and so a model's fingerprint does not change
 *     with how an entry is spelled internally
 * @param width the truncation width; 0 for other transforms
 */
public record PartitionField(String text, Transform transform, String column, int width) {
  private static final Pattern CALL =
      Pattern.compile("\\s*([A-Za-z_]+)\\s*\\(\\s*([^,()]*?)\\s*(?:,\\s*([^,()]*?)\\s*)?\\)\\s*");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

  /** The transforms the engines can write. */
  public enum Transform {
    IDENTITY,
    YEAR,
    MONTH,
    DAY,
    HOUR,
    TRUNCATE;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PartitionField {
    requireNonNull(text, "text is null");
    requireNonNull(transform, "transform is null");
    requireNonNull(column, "column is null");
    if (column.isBlank()) {
      throw new IllegalArgumentException("column is blank");
    }
    if ((transform == Transform.TRUNCATE) != (width > 0)) {
      throw new IllegalArgumentException(
          "width was " + width + " but only truncate has one, and it must be at least 1");
    }
  }

  /**
   * Parses one entry.
   *
   * @throws IllegalArgumentException with the reason, worded to follow "was '&lt;text&gt;' but"
   */
  public static PartitionField parse(String text) {
    requireNonNull(text, "text is null");
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("it must name a column or a transform such as day(ts)");
    }
    if (trimmed.indexOf('(') < 0 && trimmed.indexOf(')') < 0) {
      return new PartitionField(text, Transform.IDENTITY, trimmed, 0);
    }
    Matcher call = CALL.matcher(trimmed);
    if (!call.matches() || call.group(2).isEmpty()) {
      throw new IllegalArgumentException(
          "it must be a column or a transform of one column such as day(ts) or truncate(name, 4)");
    }
    String name = call.group(1).toLowerCase(Locale.ROOT);
    String first = call.group(2);
    String second = call.group(3);
    switch (name) {
      case "identity", "year", "years", "month", "months", "day", "days", "hour", "hours" -> {
        if (second != null) {
          throw new IllegalArgumentException(name + " takes one column, e.g. " + name + "(ts)");
        }
        String word = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
        return new PartitionField(text, Transform.valueOf(word.toUpperCase(Locale.ROOT)), first, 0);
      }
      case "truncate" -> {
        boolean widthFirst = second != null && NUMBER.matcher(first).matches();
        String width = widthFirst ? first : second;
        String column = widthFirst ? second : first;
        if (width == null || !NUMBER.matcher(width).matches() || Integer.parseInt(width) < 1) {
          throw new IllegalArgumentException(
              "truncate needs a column and a width of at least 1, e.g. truncate(" + first + ", 4)");
        }
        return new PartitionField(text, Transform.TRUNCATE, column, Integer.parseInt(width));
      }
      case "bucket", "buckets" ->
          throw new IllegalArgumentException(
              "bucket partitions are not supported (the DuckDB engine cannot write them): use"
                  + " identity, year, month, day, hour or truncate");
      default ->
          throw new IllegalArgumentException(
              "'"
                  + call.group(1)
                  + "' is not a transform: use identity, year, month, day, hour or truncate");
    }
  }

  /**
   * Reads the {@code key} list of {@code node}, recording a problem at {@code <path>.<key>[i]} for
   * each entry that is not a column or transform; the valid entries are returned.
   */
  public static java.util.List<PartitionField> read(ConfigNode node, String key) {
    java.util.List<String> entries = node.stringList(key);
    java.util.List<PartitionField> fields = new java.util.ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      try {
        fields.add(parse(entries.get(i)));
      } catch (IllegalArgumentException e) {
        String path = node.path().isEmpty() ? key : node.path() + "." + key;
        node.problems()
            .add(path + "[" + i + "]", "was '" + entries.get(i) + "' but " + e.getMessage());
      }
    }
    return java.util.List.copyOf(fields);
  }

  /** The entry as the engines read it: {@code col}, {@code day(col)}, {@code truncate(col, 4)}. */
  public String canonical() {
    return switch (transform) {
      case IDENTITY -> column;
      case TRUNCATE -> "truncate(" + column + ", " + width + ")";
      default -> transform.word() + "(" + column + ")";
    };
  }

  /** The entry as written. */
  @Override
  public String toString() {
    return text;
  }
}
