package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * A landing directory whose files are loaded, each exactly once, into a table.
 *
 * @param directory the landing directory, absolute
 * @param pattern a glob matched against paths relative to the directory ({@code **.jsonl.gz})
 * @param table the target table, {@code namespace.name}
 * @param partitionBy partition fields of the table when it is created: a column name or a transform
 *     such as {@code day(_ingested_at)}, parsed when the configuration is read
 * @param csvFooterLines trailing lines of each CSV file that are not data (totals, notes)
 * @param batchFiles how many files at most go into one commit
 * @param maxRecordBytes records longer than this are quarantined instead of loaded
 * @param fields the fields of each row, read from a record's columns or paths, the file's title
 *     lines or its name, with the same vocabulary as a web source's fields; empty loads every field
 *     of a record as it is
 */
public record FilesSourceConfig(
    String name,
    Path directory,
    String pattern,
    FileFormat format,
    String table,
    SchemaOptions schema,
    CsvOptions csv,
    int csvFooterLines,
    List<PartitionField> partitionBy,
    int batchFiles,
    int maxRecordBytes,
    List<SourceField> fields)
    implements SourceConfig {
  public FilesSourceConfig {
    requireNonNull(name, "name is null");
    requireNonNull(directory, "directory is null");
    requireNonNull(pattern, "pattern is null");
    requireNonNull(format, "format is null");
    requireNonNull(table, "table is null");
    requireNonNull(schema, "schema is null");
    requireNonNull(csv, "csv is null");
    partitionBy = List.copyOf(requireNonNull(partitionBy, "partitionBy is null"));
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
  }

  /** A source that loads every field of a record as it is. */
  public FilesSourceConfig(
      String name,
      Path directory,
      String pattern,
      FileFormat format,
      String table,
      SchemaOptions schema,
      CsvOptions csv,
      int csvFooterLines,
      List<PartitionField> partitionBy,
      int batchFiles,
      int maxRecordBytes) {
    this(
        name,
        directory,
        pattern,
        format,
        table,
        schema,
        csv,
        csvFooterLines,
        partitionBy,
        batchFiles,
        maxRecordBytes,
        List.of());
  }
}
