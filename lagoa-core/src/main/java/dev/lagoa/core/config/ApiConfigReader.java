package dev.lagoa.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code api:} section of {@code lagoa.yaml}, recording every problem with its path:
 *
 * <pre>
 * api:
 *   auth: {access_token_ttl: 15m, refresh_token_ttl: 7d, max_failed_logins: 5, throttle_window: 1m}
 *   sql: {max_rows: 10000, timeout: 10s, max_query_bytes: 100000}
 *   resources:
 *     books:
 *       table: gold.books
 *       key: upc
 *       columns: [upc, title, price, rating, category]
 *       filters:
 *         category: one_of          # or {column: c, match: one_of}
 *         price: range              # price_min, price_max
 *         title: contains
 *       sort: [price, rating, title]
 *       page_size: {default: 20, max: 100}
 *       refresh: true
 *   counts:
 *     categories: {table: gold.books, column: category}
 *   stats:
 *     stats: {table: gold.books, group_by: [category], distribution: [rating], measures: [price],
 *             latest: scraped_at_utc}
 * </pre>
 */
final class ApiConfigReader {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> RESERVED = Set.of("page", "size", "sort", "snapshot");

  private ApiConfigReader() {}

  static ApiConfig read(ConfigNode api) {
    if (!api.has("auth")
        && !api.has("sql")
        && !api.has("resources")
        && !api.has("counts")
        && !api.has("stats")) {
      api.rejectUnknownKeys();
      return ApiConfig.NONE;
    }
    ApiAuthSettings auth = auth(api.child("auth"));
    ApiSqlSettings sql = sql(api.child("sql"));
    Map<String, ApiResource> resources = api.namedChildren("resources", ApiConfigReader::resource);
    Map<String, ApiCounts> counts =
        api.namedChildren(
            "counts",
            (name, node) -> {
              checkName(node, name);
              ApiCounts result =
                  new ApiCounts(
                      name, table(node), column(node, "column", node.requiredString("column")));
              node.rejectUnknownKeys();
              return result;
            });
    Map<String, ApiStats> stats = api.namedChildren("stats", ApiConfigReader::stats);
    Set<String> paths = new HashSet<>();
    for (String name : concat(resources.keySet(), counts.keySet(), stats.keySet())) {
      if (!paths.add(name)) {
        api.problems()
            .add(pathOf(api, name), "is declared twice: every name is a path /api/v1/" + name);
      }
    }
    api.rejectUnknownKeys();
    return new ApiConfig(auth, sql, resources, counts, stats);
  }

  private static ApiAuthSettings auth(ConfigNode node) {
    ApiAuthSettings defaults = ApiAuthSettings.DEFAULT;
    ApiAuthSettings result =
        new ApiAuthSettings(
            duration(node, "access_token_ttl", defaults.accessTokenTtl()),
            duration(node, "refresh_token_ttl", defaults.refreshTokenTtl()),
            node.integer("max_failed_logins", defaults.maxFailedLogins(), 1),
            duration(node, "throttle_window", defaults.throttleWindow()));
    node.rejectUnknownKeys();
    return result;
  }

  private static ApiSqlSettings sql(ConfigNode node) {
    ApiSqlSettings defaults = ApiSqlSettings.DEFAULT;
    ApiSqlSettings result =
        new ApiSqlSettings(
            node.integer("max_rows", defaults.maxRows(), 1),
            duration(node, "timeout", defaults.timeout()),
            node.integer("max_query_bytes", defaults.maxQueryBytes(), 16));
    node.rejectUnknownKeys();
    return result;
  }

  private static ApiResource resource(String name, ConfigNode node) {
    checkName(node, name);
    String table = table(node);
    String key = column(node, "key", node.requiredString("key"));
    List<String> columns = columns(node, "columns");
    if (node.has("columns") && !key.isEmpty() && !columns.contains(key)) {
      node.problems()
          .add(node.path() + ".columns", "was " + columns + " but it must hold the key " + key);
    }
    List<ApiFilter> filters = new ArrayList<>();
    Set<String> parameters = new HashSet<>(RESERVED);
    readFilters(node, filters);
    for (ApiFilter filter : filters) {
      for (String parameter : filter.parameters()) {
        if (!parameters.add(parameter)) {
          node.problems()
              .add(
                  node.path() + ".filters." + filter.name(),
                  "uses the query parameter " + parameter + " which is already taken");
        }
      }
      if (node.has("columns") && !columns.contains(filter.column())) {
        node.problems()
            .add(
                node.path() + ".filters." + filter.name(),
                "filters column "
                    + filter.column()
                    + " which is not among the exposed columns "
                    + columns);
      }
    }
    List<String> sortable = columns(node, "sort");
    for (String column : sortable) {
      if (node.has("columns") && !columns.contains(column)) {
        node.problems()
            .add(
                node.path() + ".sort",
                "names " + column + " which is not among the exposed columns " + columns);
      }
    }
    ConfigNode pageSize = node.child("page_size");
    int max = pageSize.integer("max", 100, 1);
    int defaultSize = pageSize.integer("default", Math.min(20, max), 1);
    if (defaultSize > max) {
      pageSize
          .problems()
          .add(
              pageSize.path() + ".default",
              "was '" + defaultSize + "' but it must be at most max (" + max + ")");
      defaultSize = max;
    }
    pageSize.rejectUnknownKeys();
    boolean refresh = node.bool("refresh", false);
    node.rejectUnknownKeys();
    if (columns.isEmpty() && !node.has("columns")) {
      node.problems().add(node.path() + ".columns", "is missing but it is required");
    }
    return new ApiResource(name, table, key, columns, filters, sortable, defaultSize, max, refresh);
  }

  /** Filters: {@code name: match} or {@code name: {column: c, match: m}}. */
  private static void readFilters(ConfigNode resource, List<ApiFilter> filters) {
    // A filter may be a plain word, so the entries are read raw rather than as mappings.
    resource
        .child("filters")
        .entries()
        .forEach(
            (filterName, value) -> {
              String path = resource.path() + ".filters." + filterName;
              if (!COLUMN.matcher(filterName).matches()) {
                resource.problems().add(path, "is not a valid parameter name");
                return;
              }
              ConfigNode node =
                  value.isValueNode() ? null : new ConfigNode(value, path, resource.problems());
              String column = node == null ? filterName : node.string("column", filterName);
              String matchText = node == null ? value.asText() : node.requiredString("match");
              ApiFilterMatch match =
                  match(resource.problems(), path + (node == null ? "" : ".match"), matchText);
              if (node != null) {
                node.rejectUnknownKeys();
              }
              if (match != null) {
                filters.add(new ApiFilter(filterName, column, match));
              }
            });
  }

  private static ApiFilterMatch match(ConfigProblems problems, String path, String text) {
    for (ApiFilterMatch match : ApiFilterMatch.values()) {
      if (match.name().equalsIgnoreCase(text.replace('-', '_'))) {
        return match;
      }
    }
    problems.add(path, "was '" + text + "' but it must be one of equals, one_of, range, contains");
    return null;
  }

  private static ApiStats stats(String name, ConfigNode node) {
    checkName(node, name);
    ApiStats stats =
        new ApiStats(
            name,
            table(node),
            columns(node, "group_by"),
            columns(node, "distribution"),
            columns(node, "measures"),
            node.optionalString("latest").map(c -> column(node, "latest", c)).orElse(""));
    node.rejectUnknownKeys();
    return stats;
  }

  private static void checkName(ConfigNode node, String name) {
    if (!NAME.matcher(name).matches()) {
      node.problems()
          .add(node.path(), "is not a valid path name: use lower-case letters, digits, _ and -");
    }
  }

  private static String table(ConfigNode node) {
    String table = node.requiredString("table");
    if (!table.isEmpty()) {
      TableName.check(node.problems(), node.path() + ".table", table);
    }
    return table;
  }

  private static String column(ConfigNode node, String key, String column) {
    if (!column.isEmpty() && !COLUMN.matcher(column).matches()) {
      node.problems()
          .add(node.path() + "." + key, "was '" + column + "' but it must be a column name");
    }
    return column;
  }

  private static List<String> columns(ConfigNode node, String key) {
    List<String> columns = node.stringList(key);
    columns.forEach(column -> column(node, key, column));
    return columns;
  }

  private static Duration duration(ConfigNode node, String key, Duration defaultValue) {
    String value = node.optionalString(key).orElse(null);
    if (value == null) {
      return defaultValue;
    }
    Matcher matcher = DURATION.matcher(value.trim());
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      node.problems()
          .add(
              node.path() + "." + key,
              "was '"
                  + value
                  + "' but it must be a positive duration such as 500ms, 30s, 15m, 2h or 7d");
      return defaultValue;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  private static String pathOf(ConfigNode node, String name) {
    return node.path() + "." + name;
  }

  @SafeVarargs
  private static List<String> concat(java.util.Collection<String>... names) {
    List<String> all = new ArrayList<>();
    for (java.util.Collection<String> group : names) {
      all.addAll(group);
    }
    return all;
  }
}
