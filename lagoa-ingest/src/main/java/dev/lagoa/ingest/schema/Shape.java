package dev.lagoa.ingest.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The expected shape of incoming records: the table's columns plus the fields added during the
 * current load. Fields of the table are fixed; fields discovered during the load ("pending") may
 * still widen (an integer field that later holds 32.5 becomes a double) until the load commits
 * them.
 *
 * <p>Struct shapes are shared by the threads parsing files of one batch; their field maps are
 * synchronized on the shape.
 */
public final class Shape {
  public enum Kind {
    BOOLEAN,
    LONG,
    DOUBLE,
    STRING,
    STRUCT,
    LIST,
    /**
     * A primitive type from the table that JSON cannot infer: int, float, date, timestamp, decimal.
     */
    OTHER
  }

  private volatile Kind kind;
  private final boolean pending;
  // STRUCT only. Read on every field of every record by all loader threads, changed only when a
  // load meets a new field: concurrent maps keep reads free of locks; the order of the fields is
  // kept apart, under the shape's lock.
  private final Map<String, Shape> fields;
  // STRUCT only: ColumnNames.matchKey of each field -> the field's name as spelled in the table.
  private final Map<String, String> columnByKey;
  private final java.util.List<String> order;
  private volatile Shape element; // LIST only; null while only empty lists were seen
  private final Type otherType; // OTHER only

  private Shape(Kind kind, boolean pending, Type otherType) {
    this.kind = kind;
    this.pending = pending;
    this.fields = kind == Kind.STRUCT ? new java.util.concurrent.ConcurrentHashMap<>() : null;
    this.columnByKey = kind == Kind.STRUCT ? new java.util.concurrent.ConcurrentHashMap<>() : null;
    this.order = kind == Kind.STRUCT ? new java.util.ArrayList<>() : null;
    this.otherType = otherType;
  }

  public static Shape pending(Kind kind) {
    return new Shape(kind, true, null);
  }

  /** A pending field whose type is given by a schema hint rather than inferred. */
  public static Shape pending(Type type) {
    Shape fixed = of(type);
    if (fixed.kind == Kind.STRUCT || fixed.kind == Kind.LIST) {
      return fixed; // hints name primitive types only
    }
    return new Shape(fixed.kind, true, fixed.otherType);
  }

  /** The fixed shape of an existing table column type. */
  public static Shape of(Type type) {
    Shape shape =
        switch (type.typeId()) {
          case BOOLEAN -> new Shape(Kind.BOOLEAN, false, null);
          case LONG -> new Shape(Kind.LONG, false, null);
          case DOUBLE -> new Shape(Kind.DOUBLE, false, null);
          case STRING -> new Shape(Kind.STRING, false, null);
          case STRUCT -> new Shape(Kind.STRUCT, false, null);
          case LIST -> new Shape(Kind.LIST, false, null);
          default -> new Shape(Kind.OTHER, false, type);
        };
    if (type.isStructType()) {
      for (Types.NestedField field : type.asStructType().fields()) {
        shape.addField(field.name(), of(field.type()));
      }
    } else if (type.isListType()) {
      shape.element = of(type.asListType().elementType());
    }
    return shape;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isPending() {
    return pending;
  }

  public Type otherType() {
    return otherType;
  }

  /**
   * Widens this pending shape so that values of {@code other}'s shape fit too: long and double make
   * double, two structs or lists merge their parts, and any other mix falls back to string, which
   * holds every value. Fixed shapes never change.
   */
  synchronized void absorb(Shape other) {
    if (!pending || other == null) {
      return;
    }
    if (kind == other.kind) {
      if (kind == Kind.STRUCT) {
        other
            .fields()
            .forEach(
                (name, field) -> {
                  Shape existing = addField(name, field);
                  if (existing != field) {
                    existing.absorb(field);
                  }
                });
      } else if (kind == Kind.LIST && other.element != null) {
        Shape existing = setElementIfAbsent(other.element);
        if (existing != other.element) {
          existing.absorb(other.element);
        }
      }
      return;
    }
    if ((kind == Kind.LONG && other.kind == Kind.DOUBLE)
        || (kind == Kind.DOUBLE && other.kind == Kind.LONG)) {
      kind = Kind.DOUBLE;
      return;
    }
    kind = Kind.STRING;
  }

  /** Widens a pending long to double; returns false for a fixed shape. */
  boolean widenToDouble() {
    if (!pending || kind != Kind.LONG) {
      return false;
    }
    kind = Kind.DOUBLE;
    return true;
  }

  /** The field spelled exactly {@code name}, or null. */
  public Shape field(String name) {
    return fields.get(name);
  }

  /** The field a record's key fills ({@link ColumnNames}), or null. */
  public Shape fieldFor(String key) {
    Shape exact = fields.get(key);
    if (exact != null) {
      return exact;
    }
    String column = columnByKey.get(ColumnNames.matchKey(key));
    return column == null ? null : fields.get(column);
  }

  /** The name, as spelled in the table, of the field a record's key fills, or null. */
  public String columnFor(String key) {
    if (fields.containsKey(key)) {
      return key;
    }
    return columnByKey.get(ColumnNames.matchKey(key));
  }

  /**
   * Adds a field unless another thread added it first, or a field filled by the same keys exists;
   * returns the field's shape either way.
   */
  synchronized Shape addField(String name, Shape shape) {
    String match = ColumnNames.matchKey(name);
    String existingName = columnByKey.get(match);
    if (existingName != null) {
      return fields.get(existingName);
    }
    order.add(name);
    fields.put(name, shape);
    columnByKey.put(match, name);
    return shape;
  }

  /** The fields in the order they were added (table order, then order of discovery). */
  public synchronized Map<String, Shape> fields() {
    Map<String, Shape> ordered = new LinkedHashMap<>();
    for (String name : order) {
      ordered.put(name, fields.get(name));
    }
    return ordered;
  }

  public Shape element() {
    return element;
  }

  synchronized Shape setElementIfAbsent(Shape shape) {
    if (element == null) {
      element = shape;
    }
    return element;
  }

  /** Whether this shape, or anything nested in it, is pending. */
  public boolean hasPending() {
    if (pending) {
      return true;
    }
    if (kind == Kind.STRUCT) {
      return fields().values().stream().anyMatch(Shape::hasPending);
    }
    return kind == Kind.LIST && element != null && element.hasPending();
  }
}
