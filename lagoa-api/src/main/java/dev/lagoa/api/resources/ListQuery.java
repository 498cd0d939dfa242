package dev.lagoa.api.resources;

import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.api.ApiError;
import dev.lagoa.core.config.ApiFilter;
import dev.lagoa.core.config.ApiFilterMatch;
import dev.lagoa.core.config.ApiResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * One list request of a resource, validated against its declaration and turned into SQL with bound
 * values: {@code ?category=Poetry&price_max=20&sort=-rating,price&page=2&size=10}.
 */
final class ListQuery {
  static final int MAX_ONE_OF = 100;

  /** A condition as data, for reading a snapshot held in memory. */
  record Condition(String column, ApiFilterMatch match, String bound, List<Object> values) {}

  /** One sort key; the key column comes last. */
  record Order(String column, boolean descending) {}

  final String where;
  final List<Object> values;
  final List<Condition> conditions = new ArrayList<>();
  final List<Order> order = new ArrayList<>();
  final String orderBy;
  final int page;
  final int size;

  /** The parameters as given (filters and sort), for the links of the response. */
  final List<String[]> echo;

  private ListQuery(
      String where, List<Object> values, String orderBy, int page, int size, List<String[]> echo) {
    this.where = where;
    this.values = values;
    this.orderBy = orderBy;
    this.page = page;
    this.size = size;
    this.echo = echo;
  }

  static Set<String> parameters(ApiResource resource) {
    Set<String> known = new LinkedHashSet<>(List.of("page", "size", "sort", "snapshot"));
    resource.filters().forEach(filter -> known.addAll(filter.parameters()));
    return known;
  }

  static ListQuery of(ApiResource resource, Parameters parameters, Schema schema) {
    List<String> conditions = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    List<String[]> echo = new ArrayList<>();
    List<Condition> structured = new ArrayList<>();
    List<Order> orders = new ArrayList<>();
    for (ApiFilter filter : resource.filters()) {
      Types.NestedField field = Resources.field(resource, schema, filter.column());
      String column = quote(filter.column());
      switch (filter.match()) {
        case EQUALS ->
            parameters
                .get(filter.name())
                .ifPresent(
                    text -> {
                      conditions.add(column + " = ?");
                      Object value = ColumnValues.parse(filter.name(), text, field.type());
                      values.add(value);
                      structured.add(
                          new Condition(filter.column(), filter.match(), "", List.of(value)));
                      echo.add(new String[] {filter.name(), text});
                    });
        case ONE_OF ->
            parameters
                .get(filter.name())
                .ifPresent(
                    text -> {
                      String[] items = text.split(",", -1);
                      if (items.length > MAX_ONE_OF) {
                        throw ApiError.badParameter(
                            filter.name(),
                            filter.name()
                                + " lists "
                                + items.length
                                + " values but at most "
                                + MAX_ONE_OF);
                      }
                      List<String> marks = new ArrayList<>();
                      List<Object> parsed = new ArrayList<>();
                      for (String item : items) {
                        marks.add("?");
                        parsed.add(ColumnValues.parse(filter.name(), item, field.type()));
                      }
                      values.addAll(parsed);
                      structured.add(new Condition(filter.column(), filter.match(), "", parsed));
                      conditions.add(column + " IN (" + String.join(", ", marks) + ")");
                      echo.add(new String[] {filter.name(), text});
                    });
        case RANGE -> {
          for (String bound : filter.parameters()) {
            parameters
                .get(bound)
                .ifPresent(
                    text -> {
                      conditions.add(column + (bound.endsWith("_min") ? " >= ?" : " <= ?"));
                      values.add(ColumnValues.parse(bound, text, field.type()));
                      structured.add(
                          new Condition(
                              filter.column(),
                              filter.match(),
                              bound.endsWith("_min") ? "min" : "max",
                              List.of(values.get(values.size() - 1))));
                      echo.add(new String[] {bound, text});
                    });
          }
        }
        case CONTAINS ->
            parameters
                .get(filter.name())
                .ifPresent(
                    text -> {
                      conditions.add(
                          "strpos(lower(CAST(" + column + " AS VARCHAR)), lower(?)) > 0");
                      values.add(text);
                      structured.add(
                          new Condition(filter.column(), filter.match(), "", List.of(text)));
                      echo.add(new String[] {filter.name(), text});
                    });
      }
    }
    List<String> order = new ArrayList<>();
    Optional<String> sort = parameters.get("sort");
    if (sort.isPresent()) {
      for (String item : sort.get().split(",", -1)) {
        boolean descending = item.startsWith("-");
        String name = descending ? item.substring(1) : item;
        if (!resource.sortable().contains(name)) {
          throw ApiError.badParameter(
              "sort",
              "sort named '"
                  + name
                  + "' but it can sort by "
                  + String.join(", ", resource.sortable())
                  + " (prefix - for descending)");
        }
        order.add(quote(name) + (descending ? " DESC NULLS LAST" : " ASC NULLS LAST"));
        orders.add(new Order(name, descending));
      }
      echo.add(new String[] {"sort", sort.get()});
    }
    // The key last, so that rows with equal sort values keep one order from page to page.
    order.add(quote(resource.key()) + " ASC");
    orders.add(new Order(resource.key(), false));
    int size = parameters.positive("size", resource.defaultPageSize(), resource.maxPageSize());
    int page = parameters.positive("page", 1, Integer.MAX_VALUE / Math.max(1, size));
    ListQuery query =
        new ListQuery(
            conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions),
            values,
            " ORDER BY " + String.join(", ", order),
            page,
            size,
            echo);
    query.conditions.addAll(structured);
    query.order.addAll(orders);
    return query;
  }
}
