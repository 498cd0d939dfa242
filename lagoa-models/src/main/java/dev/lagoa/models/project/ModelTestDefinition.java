package dev.lagoa.models.project;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A test of a model's data, declared under {@code tests:} in its config. Each kind is a query
 * returning the rows that break it; the test passes when there are none.
 */
public sealed interface ModelTestDefinition {
  /** The test's name, unique within a project's report: {@code unique_stg_movies_movieId}. */
  String name();

  Severity severity();

  /** The column holds no NULL. */
  record NotNull(String name, String column, Severity severity) implements ModelTestDefinition {
    public NotNull {
      requireNonNull(name, "name is null");
      requireNonNull(column, "column is null");
      requireNonNull(severity, "severity is null");
    }
  }

  /** No two rows share the values of {@code columns} (one column, or a combination). */
  record Unique(String name, List<String> columns, Severity severity)
      implements ModelTestDefinition {
    public Unique {
      requireNonNull(name, "name is null");
      columns = List.copyOf(requireNonNull(columns, "columns is null"));
      requireNonNull(severity, "severity is null");
    }
  }

  /**
   * Every non-NULL value of the column is one of {@code values}. Values are written as SQL string
   * literals, which DuckDB and Spark cast to the column's type ({@code '0.5'} compares with a
   * DOUBLE).
   */
  record AcceptedValues(String name, String column, List<String> values, Severity severity)
      implements ModelTestDefinition {
    public AcceptedValues {
      requireNonNull(name, "name is null");
      requireNonNull(column, "column is null");
      values = List.copyOf(requireNonNull(values, "values is null"));
      requireNonNull(severity, "severity is null");
    }
  }

  /** Every non-NULL value of {@code column} appears in {@code field} of model {@code toModel}. */
  record Relationships(String name, String column, String toModel, String field, Severity severity)
      implements ModelTestDefinition {
    public Relationships {
      requireNonNull(name, "name is null");
      requireNonNull(column, "column is null");
      requireNonNull(toModel, "toModel is null");
      requireNonNull(field, "field is null");
      requireNonNull(severity, "severity is null");
    }
  }

  /**
   * A query, written like a model ({@code {{ this }}}, {@code ref}, {@code source}), returning the
   * failing rows.
   */
  record Sql(String name, String sql, Severity severity) implements ModelTestDefinition {
    public Sql {
      requireNonNull(name, "name is null");
      requireNonNull(sql, "sql is null");
      requireNonNull(severity, "severity is null");
    }
  }
}
