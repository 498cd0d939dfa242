package dev.lagoa.core.config;

/** Formats the landing loader reads. Any of them may be gzip-compressed. */
public enum FileFormat {
  /** One JSON object per line. */
  NDJSON,
  /** One JSON document per file: an object, or an array of objects. */
  JSON,
  CSV,
  PARQUET
}
