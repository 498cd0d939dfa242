package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

/**
 * What a web source's run lands.
 *
 * @param format {@code ndjson}: one gzip NDJSON file per run (default); {@code parquet}: Parquet
 *     files under {@code year=YYYY/month=MM/day=DD/} folders of the landing directory
 * @param dateField the row field whose date decides a row's folder (parquet only)
 */
public record WebOutputOptions(Format format, String dateField) {
  public static final WebOutputOptions DEFAULT = new WebOutputOptions(Format.NDJSON, "");

  public enum Format {
    NDJSON,
    PARQUET
  }

  public WebOutputOptions {
    requireNonNull(format, "format is null");
    requireNonNull(dateField, "dateField is null");
  }

  static WebOutputOptions read(ConfigNode node) {
    Format format = node.enumValue("format", Format.class, Format.NDJSON);
    String dateField = node.string("partition_by_date", "");
    if (format == Format.PARQUET && dateField.isBlank()) {
      node.problems()
          .add(
              node.path() + ".partition_by_date",
              "is missing but Parquet output is partitioned by a date field");
    }
    if (format == Format.NDJSON && !dateField.isBlank()) {
      node.problems()
          .add(
              node.path() + ".partition_by_date",
              "is set but only Parquet output is partitioned (format: parquet)");
    }
    node.rejectUnknownKeys();
    return new WebOutputOptions(format, dateField);
  }
}
