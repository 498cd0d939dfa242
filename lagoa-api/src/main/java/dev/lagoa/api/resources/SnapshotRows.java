package dev.lagoa.api.resources;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rows of one small snapshot, held in memory so that list requests — the API's hot path — are
 * answered without a query: the same filters, order (NULLs last, the key as tie-breaker) and pages
 * as the SQL {@link ListQuery} builds, which tests compare against hand-written SQL.
 */
final class SnapshotRows {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<Object[]> rows;

  SnapshotRows(List<String> columns, List<Object[]> rows) {
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i), i);
    }
    this.rows = List.copyOf(rows);
  }

  /** Whether every value of these columns can be compared here (numbers, text, booleans). */
  boolean canServe(ListQuery query) {
    for (ListQuery.Condition condition : query.conditions) {
      if (!index.containsKey(condition.column())) {
        return false;
      }
    }
    for (ListQuery.Order order : query.order) {
      if (!index.containsKey(order.column())) {
        return false;
      }
    }
    return true;
  }

  /** The matching rows in order; the caller pages them. */
  List<Object[]> select(ListQuery query) {
    Predicate<Object[]> matches = row -> true;
    for (ListQuery.Condition condition : query.conditions) {
      int column = index.get(condition.column());
      matches = matches.and(row -> test(condition, row[column]));
    }
    List<Object[]> selected = new ArrayList<>();
    for (Object[] row : rows) {
      if (matches.test(row)) {
        selected.add(row);
      }
    }
    Comparator<Object[]> order = null;
    for (ListQuery.Order key : query.order) {
      int column = index.get(key.column());
      Comparator<Object[]> next =
          (a, b) -> compareNullsLast(a[column], b[column], key.descending());
      order = order == null ? next : order.thenComparing(next);
    }
    selected.sort(order);
    return selected;
  }

  Object value(Object[] row, String column) {
    return row[index.get(column)];
  }

  private static boolean test(ListQuery.Condition condition, Object value) {
    if (value == null) {
      return false;
    }
    return switch (condition.match()) {
      case EQUALS, ONE_OF -> condition.values().stream().anyMatch(v -> compare(value, v) == 0);
      case RANGE -> {
        int c = compare(value, condition.values().get(0));
        yield condition.bound().equals("min") ? c >= 0 : c <= 0;
      }
      case CONTAINS ->
          value
              .toString()
              .toLowerCase(Locale.ROOT)
              .contains(condition.values().get(0).toString().toLowerCase(Locale.ROOT));
    };
  }

  private static int compareNullsLast(Object a, Object b, boolean descending) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    int c = compare(a, b);
    return descending ? -c : c;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (!isFinite(x) || !isFinite(y)) {
        return Double.compare(x.doubleValue(), y.doubleValue());
      }
      if (isIntegral(x) && isIntegral(y)) {
        return Long.compare(x.longValue(), y.longValue());
      }
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    if (a instanceof String x && b instanceof String y) {
      return compareUtf8(x, y);
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable) {
      return ((Comparable) a).compareTo(b);
    }
    return compareUtf8(a.toString(), b.toString());
  }

  private static boolean isFinite(Number n) {
    return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }

  /** DuckDB orders text by its UTF-8 bytes, which is code point order. */
  private static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
