package dev.lagoa.ingest.schema;

import java.util.LinkedHashMap;
import java.util.List;
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
public final class Shape implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

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
  // A type declared by a schema hint or a Parquet file's own schema: never widened by the data.
  private final boolean declared;
  // Pending inferred shapes only: how many sampled values of each kind were seen, so the type is
  // decided by the majority of a batch and a stray value cannot decide it (see absorb).
  private final int[] votes = new int[Kind.values().length];
  // Whether a sampled text looked like a number but must stay text (a leading zero: 0114709).
  private volatile boolean identifierText;
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
    this(kind, pending, false, otherType);
  }

  private Shape(Kind kind, boolean pending, boolean declared, Type otherType) {
    this.kind = kind;
    this.pending = pending;
    this.declared = declared;
    this.votes[kind.ordinal()] = 1;
    this.fields = kind == Kind.STRUCT ? new java.util.concurrent.ConcurrentHashMap<>() : null;
    this.columnByKey = kind == Kind.STRUCT ? new java.util.concurrent.ConcurrentHashMap<>() : null;
    this.order = kind == Kind.STRUCT ? new java.util.ArrayList<>() : null;
    this.otherType = otherType;
  }

  public static Shape pending(Kind kind) {
    return new Shape(kind, true, null);
  }

  /**
   * A pending field whose type is declared (a schema hint, a Parquet file's schema) rather than
   * inferred: the data never widens it, and values that do not fit are rescued.
   */
  public static Shape pending(Type type) {
    Shape shape =
        switch (type.typeId()) {
          case BOOLEAN -> new Shape(Kind.BOOLEAN, true, true, null);
          case LONG -> new Shape(Kind.LONG, true, true, null);
          case DOUBLE -> new Shape(Kind.DOUBLE, true, true, null);
          case STRING -> new Shape(Kind.STRING, true, true, null);
          case STRUCT -> new Shape(Kind.STRUCT, true, true, null);
          case LIST -> new Shape(Kind.LIST, true, true, null);
          default -> new Shape(Kind.OTHER, true, true, type);
        };
    if (type.isStructType()) {
      for (Types.NestedField field : type.asStructType().fields()) {
        shape.addField(field.name(), pending(field.type()));
      }
    } else if (type.isListType()) {
      shape.element = pending(type.asListType().elementType());
    }
    return shape;
  }

  /** A pending text field whose values look like numbers but are identifiers (0114709). */
  static Shape identifierText() {
    Shape shape = new Shape(Kind.STRING, true, null);
    shape.identifierText = true;
    return shape;
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

  /** Whether the type was declared (hint, Parquet schema) rather than inferred from values. */
  public boolean isDeclared() {
    return declared;
  }

  public Type otherType() {
    return otherType;
  }

  /**
   * Widens this pending shape so that values of {@code other}'s shape fit too. Two structs or lists
   * merge their parts. Otherwise each sampled value is a vote: a kind held by at least three
   * quarters of a batch's sampled values wins (long and double count together as numbers and make a
   * double when any is fractional), so one stray {@code "hot"} among ten temperatures is rescued
   * rather than turning the column into text; without such a majority (codes 7, 8, X9) the field
   * falls back to string, which holds every value. A text that looks like a number with a leading
   * zero (0114709) keeps the field text. Fixed and declared shapes never change.
   */
  synchronized void absorb(Shape other) {
    if (!pending || declared || other == null) {
      return;
    }
    votes[other.kind.ordinal()]++;
    if (other.identifierText) {
      identifierText = true;
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
    } else if (other.kind == Kind.STRUCT && fields != null) {
      other.fields().forEach(this::addFieldOrAbsorb);
    } else if (other.kind == Kind.LIST && other.element != null) {
      Shape existing = setElementIfAbsent(other.element);
      if (existing != other.element) {
        existing.absorb(other.element);
      }
    }
    kind = majority();
  }

  /** Counts one sampled value of {@code seen}'s kind whose parts were merged by the caller. */
  synchronized void vote(Kind seen) {
    if (pending && !declared) {
      votes[seen.ordinal()]++;
      kind = majority();
    }
  }

  private void addFieldOrAbsorb(String name, Shape field) {
    Shape existing = addField(name, field);
    if (existing != field) {
      existing.absorb(field);
    }
  }

  /**
   * The kind at least three quarters of the sampled values had, numbers counted together; string
   * without such a majority.
   */
  private Kind majority() {
    if (identifierText) {
      return Kind.STRING;
    }
    int numbers = votes[Kind.LONG.ordinal()] + votes[Kind.DOUBLE.ordinal()];
    int total = 0;
    for (int vote : votes) {
      total += vote;
    }
    Kind best = numbers > 0 ? Kind.LONG : null;
    int bestVotes = numbers;
    for (Kind candidate : List.of(Kind.BOOLEAN, Kind.STRING, Kind.STRUCT, Kind.LIST)) {
      if (votes[candidate.ordinal()] > bestVotes) {
        best = candidate;
        bestVotes = votes[candidate.ordinal()];
      }
    }
    if (best == null || bestVotes * 4 < total * 3) {
      return Kind.STRING;
    }
    if (best == Kind.LONG) {
      return votes[Kind.DOUBLE.ordinal()] > 0 ? Kind.DOUBLE : Kind.LONG;
    }
    if (best == Kind.STRUCT && fields == null) {
      return Kind.STRING; // a field first seen as a scalar has no room for struct fields
    }
    if (best == Kind.LIST && element == null) {
      return Kind.STRING;
    }
    return best;
  }

  /** Widens a pending long to double; returns false for a fixed shape. */
  boolean widenToDouble() {
    if (!pending || declared || kind != Kind.LONG) {
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

  /**
   * Adds what another copy of this shape learned while reading other files (a Spark task's
   * conformer): fields and list elements it met first, and pending longs it widened to double.
   * Values written under the other copy fit the result, except where both met the same new field
   * with kinds that do not widen into each other (long and text): then this copy's kind stays and
   * the answer is false, so the caller reads again with the merged shape.
   *
   * @return whether every value the other copy accepted fits this shape
   */
  public synchronized boolean mergeFrom(Shape other) {
    boolean fits = true;
    if (kind == Kind.STRUCT && other.kind == Kind.STRUCT) {
      for (Map.Entry<String, Shape> entry : other.fields().entrySet()) {
        Shape mine = addField(entry.getKey(), entry.getValue());
        if (mine != entry.getValue()) {
          fits &= mine.mergeFrom(entry.getValue());
        }
      }
    } else if (kind == Kind.LIST && other.kind == Kind.LIST) {
      if (other.element != null) {
        Shape mine = setElementIfAbsent(other.element);
        if (mine != other.element) {
          fits &= mine.mergeFrom(other.element);
        }
      }
    } else if (kind != other.kind) {
      if (kind == Kind.LONG && other.kind == Kind.DOUBLE) {
        fits = widenToDouble();
      } else {
        fits = kind == Kind.DOUBLE && other.kind == Kind.LONG;
      }
    }
    return fits;
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
