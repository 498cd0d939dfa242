package dev.lagoa.duckdb;

import static dev.lagoa.duckdb.DuckTypes.literal;
import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetadataColumns;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.BaseDeleteLoader;
import org.apache.iceberg.deletes.PositionDeleteIndex;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.types.Types;

/**
 * Applies Iceberg's row-level deletes (what Spark's merge-on-read {@code DELETE}, {@code UPDATE}
 * and {@code MERGE} write) to data files DuckDB reads, in SQL, so a view over the table shows
 * exactly its live rows:
 *
 * <ul>
 *   <li>position delete files (Parquet: {@code file_path}, {@code pos}) are read by DuckDB itself
 *       and anti-joined on the data file ({@code file_index} of the {@code read_parquet} list) and
 *       the row's position in it ({@code file_row_number});
 *   <li>deletion vectors (format v3, Puffin) are loaded with Iceberg's {@link BaseDeleteLoader} and
 *       written into the query as ranges of positions, anti-joined the same way;
 *   <li>equality delete files are anti-joined on their equality columns, NULL matching NULL as in
 *       Iceberg.
 * </ul>
 *
 * <p>Which delete files apply to which data file (partition, referenced file, sequence numbers: an
 * equality delete only removes rows of older data files) is Iceberg's scan planning's answer; the
 * caller groups data files that share the same delete files.
 */
final class RowDeletes {
  private static final String POSITION_SCHEMA =
      "MAP {"
          + MetadataColumns.DELETE_FILE_PATH.fieldId()
          + ": {name: 'file_path', type: 'VARCHAR', default_value: NULL}, "
          + MetadataColumns.DELETE_FILE_POS.fieldId()
          + ": {name: 'pos', type: 'BIGINT', default_value: NULL}}";

  private RowDeletes() {}

  /**
   * The rows of {@code dataFiles} (read from the DuckDB list {@code fileList}, in that order) that
   * {@code deletes} leave, as rows of {@code schema}.
   */
  static String liveRows(
      String table,
      Schema schema,
      Schema fileSchema,
      String fileList,
      List<DataFile> dataFiles,
      List<DeleteFile> deletes,
      FileIO io) {
    List<DeleteFile> positionFiles = new ArrayList<>();
    List<DeleteFile> vectors = new ArrayList<>();
    Map<Set<Integer>, List<DeleteFile>> equalityFiles = new LinkedHashMap<>();
    for (DeleteFile delete : deletes) {
      if (delete.content() == FileContent.EQUALITY_DELETES) {
        equalityFiles
            .computeIfAbsent(new TreeSet<>(delete.equalityFieldIds()), ids -> new ArrayList<>())
            .add(delete);
      } else if (delete.format() == FileFormat.PUFFIN) {
        vectors.add(delete);
      } else if (delete.format() == FileFormat.PARQUET) {
        positionFiles.add(delete);
      } else {
        throw LagoaException.userInput(
            "Cannot read table %s: delete file %s is %s, the DuckDB engine reads Parquet delete"
                + " files and deletion vectors",
            table, delete.location(), delete.format());
      }
    }
    String scan =
        "read_parquet("
            + fileList
            + ", hive_partitioning = false"
            + (fileSchema.columns().isEmpty()
                ? ""
                : ", schema = " + DuckTypes.readSchema(fileSchema))
            + ") AS lagoa_data";
    String rows =
        fileSchema.columns().isEmpty()
            ? "SELECT " + FileSchemas.widen(fileSchema, schema) + " FROM (SELECT 1 FROM " + scan
            : "SELECT " + FileSchemas.widen(fileSchema, schema) + " FROM " + scan;
    StringJoiner deleted = new StringJoiner(" UNION ALL ");
    if (!positionFiles.isEmpty()) {
      deleted.add(positionDeletes(positionFiles, dataFiles, io));
    }
    if (!vectors.isEmpty()) {
      deleted.add(deletionVectors(vectors, dataFiles, io));
    }
    if (deleted.length() > 0) {
      rows +=
          " ANTI JOIN ("
              + deleted
              + ") AS lagoa_deleted ON lagoa_data.file_index = lagoa_deleted.lagoa_file"
              + " AND lagoa_data.file_row_number = lagoa_deleted.lagoa_pos";
    }
    if (fileSchema.columns().isEmpty()) {
      rows += ")";
    }
    int level = 0;
    for (Map.Entry<Set<Integer>, List<DeleteFile>> equality : equalityFiles.entrySet()) {
      rows = withoutEqualityDeletes(table, schema, rows, equality, io, level++);
    }
    return rows;
  }

  /** (data file index, position) of each row the Parquet position delete files remove. */
  private static String positionDeletes(
      List<DeleteFile> positionFiles, List<DataFile> dataFiles, FileIO io) {
    StringJoiner list = new StringJoiner(", ", "[", "]");
    positionFiles.forEach(file -> list.add(literal(TableViews.toLocalPath(file, io))));
    StringJoiner indexes = new StringJoiner(", ");
    for (int i = 0; i < dataFiles.size(); i++) {
      indexes.add("(" + literal(dataFiles.get(i).location()) + ", " + i + ")");
    }
    return "SELECT lagoa_files.lagoa_file, lagoa_positions.pos AS lagoa_pos FROM read_parquet("
        + list
        + ", hive_partitioning = false, schema = "
        + POSITION_SCHEMA
        + ") AS lagoa_positions JOIN (VALUES "
        + indexes
        + ") AS lagoa_files(lagoa_location, lagoa_file)"
        + " ON lagoa_positions.file_path = lagoa_files.lagoa_location";
  }

  /**
   * (data file index, position) of each row the deletion vectors remove, loaded by Iceberg and
   * written as ranges of consecutive positions.
   */
  private static String deletionVectors(
      List<DeleteFile> vectors, List<DataFile> dataFiles, FileIO io) {
    BaseDeleteLoader loader = new BaseDeleteLoader(file -> io.newInputFile(file.location()));
    StringJoiner ranges = new StringJoiner(", ");
    for (int i = 0; i < dataFiles.size(); i++) {
      String location = dataFiles.get(i).location();
      List<DeleteFile> forFile =
          vectors.stream().filter(dv -> location.equals(dv.referencedDataFile())).toList();
      if (forFile.isEmpty()) {
        continue;
      }
      PositionDeleteIndex index = loader.loadPositionDeletes(forFile, location);
      long[] range = {-1, -1};
      int file = i;
      index.forEach(
          position -> {
            if (range[1] == position) {
              range[1] = position + 1;
            } else {
              if (range[0] >= 0) {
                ranges.add("(" + file + ", " + range[0] + ", " + range[1] + ")");
              }
              range[0] = position;
              range[1] = position + 1;
            }
          });
      if (range[0] >= 0) {
        ranges.add("(" + file + ", " + range[0] + ", " + range[1] + ")");
      }
    }
    if (ranges.length() == 0) {
      return "SELECT 0 AS lagoa_file, 0 AS lagoa_pos WHERE false";
    }
    return "SELECT lagoa_file, unnest(range(lagoa_from, lagoa_to)) AS lagoa_pos FROM (VALUES "
        + ranges
        + ") AS lagoa_vectors(lagoa_file, lagoa_from, lagoa_to)";
  }

  /** {@code rows} without those whose equality columns match a row of the delete files. */
  private static String withoutEqualityDeletes(
      String table,
      Schema schema,
      String rows,
      Map.Entry<Set<Integer>, List<DeleteFile>> equality,
      FileIO io,
      int level) {
    List<Types.NestedField> columns = new ArrayList<>();
    for (int id : equality.getKey()) {
      Types.NestedField column = schema.asStruct().field(id);
      if (column == null || !column.type().isPrimitiveType()) {
        throw LagoaException.userInput(
            "Cannot read table %s: equality delete file %s deletes by field id %d, which is not a"
                + " top-level column of the table's schema",
            table, equality.getValue().get(0).location(), id);
      }
      columns.add(column);
    }
    StringJoiner list = new StringJoiner(", ", "[", "]");
    equality.getValue().forEach(file -> list.add(literal(TableViews.toLocalPath(file, io))));
    String live = "lagoa_live" + level;
    String gone = "lagoa_gone" + level;
    StringJoiner on = new StringJoiner(" AND ");
    for (Types.NestedField column : columns) {
      on.add(
          gone
              + "."
              + quote(column.name())
              + " IS NOT DISTINCT FROM "
              + live
              + "."
              + quote(column.name()));
    }
    return "SELECT "
        + live
        + ".* FROM ("
        + rows
        + ") AS "
        + live
        + " ANTI JOIN read_parquet("
        + list
        + ", hive_partitioning = false, schema = "
        + DuckTypes.readSchema(new Schema(columns))
        + ") AS "
        + gone
        + " ON "
        + on;
  }
}
