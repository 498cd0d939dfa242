package dev.lagoa.core.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the {@code fields} of a {@code files} source — the web sources' field vocabulary ({@link
 * SourceFieldReader}) with the places a landing file has: a record's {@code column} (a CSV header
 * name or a top-level key) or {@code path} (a JSON pointer into a JSON or Parquet record), the CSV
 * file's title lines ({@code scope: page}) or the file's name ({@code scope: file}) — and checks
 * the source's schema hints against them.
 */
final class FilesFieldReader {
  /** The Iceberg primitive types a hint may name. */
  private static final Pattern HINT_TYPE =
      Pattern.compile(
          "boolean|int|long|float|double|date|time|timestamp|timestamptz|string|uuid|binary"
              + "|fixed\\[\\d+]|decimal\\(\\s*\\d+\\s*,\\s*\\d+\\s*\\)");

  private static final Set<String> LAGOA_COLUMNS =
      Set.of("_source_file", "_line", "_ingested_at", "_rescued_data");

  private FilesFieldReader() {}

  static SourceField read(String name, ConfigNode field, FileFormat format, CsvOptions csv) {
    SourceFieldScope scope = field.enumValue("scope", SourceFieldScope.class, SourceFieldScope.ROW);
    String column = field.string("column", "");
    String path = field.string("path", "");
    if (field.has("selector")) {
      field.stringList("selector");
      field
          .problems()
          .add(field.path() + ".selector", "is only used by web sources (use column or path)");
    }
    if (field.has("attribute")) {
      field.string("attribute", "");
      field.problems().add(field.path() + ".attribute", "is only used by web sources");
    }
    String from = column.isEmpty() ? path : column;
    switch (scope) {
      case ROW -> {
        if (column.isEmpty() == path.isEmpty()) {
          field
              .problems()
              .add(
                  field.path(),
                  "must name either a column (CSV header or top-level key) or a path (JSON"
                      + " pointer such as /metrics/fuelAvailableLiters)");
        } else if (!path.isEmpty() && !path.startsWith("/")) {
          field
              .problems()
              .add(
                  field.path() + ".path",
                  "was '" + path + "' but it must be a JSON pointer such as /metrics/trip");
        } else if (!path.isEmpty() && format == FileFormat.CSV) {
          field.problems().add(field.path() + ".path", "is not used for csv files (use column)");
        }
      }
      case PAGE -> {
        if (format != FileFormat.CSV || csv.skipLines() == 0) {
          field
              .problems()
              .add(
                  field.path() + ".scope",
                  "was 'page' but page fields read a CSV file's title lines, and this source has"
                      + " none (format csv with csv.skip_lines > 0)");
        }
        noLocator(field, from);
      }
      case FILE -> noLocator(field, from);
    }
    if (name.isEmpty() || LAGOA_COLUMNS.contains(name) || name.contains(".")) {
      field
          .problems()
          .add(
              field.path(),
              "names a field '"
                  + name
                  + "' but a field name must be non-empty, without dots and not one of Lagoa's"
                  + " columns "
                  + String.join(", ", new java.util.TreeSet<>(LAGOA_COLUMNS)));
    }
    return SourceFieldReader.read(
        name, field, from.isEmpty() ? List.of() : List.of(from), "", scope);
  }

  private static void noLocator(ConfigNode field, String from) {
    if (!from.isEmpty()) {
      field
          .problems()
          .add(
              field.path(),
              "reads the title lines or the file name, so it takes no column or path (use regex)");
    }
  }

  /**
   * Checks each hint's type and path: a path of non-empty names, not one of Lagoa's columns, and
   * not inside a declared field (declared fields are values, not structs). A hint naming a field no
   * record carries is valid: it makes a column that reads NULL.
   */
  static void checkHints(
      String path, Map<String, String> hints, List<SourceField> fields, ConfigProblems problems) {
    Set<String> declared = fields.stream().map(SourceField::name).collect(Collectors.toSet());
    new TreeMap<>(hints)
        .forEach(
            (hint, type) -> {
              String where = path + "." + hint;
              if (!HINT_TYPE.matcher(type.trim()).matches()) {
                problems.add(
                    where,
                    "was '"
                        + type
                        + "' but it must be a type: long, double, string, boolean, date,"
                        + " timestamp, timestamptz, int, float, decimal(9,2), ...");
              }
              String[] parts = hint.split("\\.", -1);
              boolean blank = false;
              for (String part : parts) {
                blank |= part.isEmpty();
              }
              if (blank) {
                problems.add(where, "names a field path with an empty part: '" + hint + "'");
              } else if (LAGOA_COLUMNS.contains(parts[0])) {
                problems.add(where, "names " + parts[0] + ", a column Lagoa fills itself");
              } else if (parts.length > 1 && declared.contains(parts[0])) {
                problems.add(
                    where,
                    "names a field inside "
                        + parts[0]
                        + ", but "
                        + parts[0]
                        + " is a declared field of this source, not a struct");
              }
            });
  }
}
