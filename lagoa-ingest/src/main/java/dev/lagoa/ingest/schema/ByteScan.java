package dev.lagoa.ingest.schema;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The first tier of the loader's fast path: one pass over a record's bytes, without a parser, that
 * answers true only for the plainest records that fit the expected shape as they are (every key
 * known, written in ASCII without escapes and not repeated; integers of at most 15 or 18 digits;
 * decimals without exponent; strings whose only escapes are the two-character ones). Whatever it is
 * not sure of — an unknown key, an exponent, a {@code \\u} escape, anything malformed — it answers
 * false, and {@link StreamingCheck}'s token check decides. So it never accepts a record the token
 * check would refuse, and it costs a fraction of a parse: records of a steady source are checked
 * without allocating anything per key.
 *
 * <p>Records of a steady source write their keys in the same order: each thread remembers, per
 * struct, the key it met at each position ({@link Order}), and a key equal to the one expected
 * there is known by one comparison of its bytes, without hashing it, looking it up or checking it
 * against the keys before it.
 *
 * <p>Input is already valid UTF-8 ({@code Utf8}), so bytes above 0x7f inside strings are text.
 */
final class ByteScan {
  // Deeper nesting is left to the token check (Jackson refuses beyond 1000 levels).
  private static final int MAX_DEPTH = 100;
  // Repeated keys are found by a linear scan up to this many keys per object, by a set beyond.
  private static final int LINEAR_KEYS = 32;
  // Integer literals of at most these many digits are exact in a long and in a double.
  private static final int LONG_DIGITS = 18;
  private static final int DOUBLE_DIGITS = 15;
  // A decimal literal shorter than this is finite as a double (StreamingCheck checks longer ones).
  private static final int MAX_NUMBER_CHARS = 300;

  // Keys of a struct whose position is remembered, and structs remembered per thread.
  private static final int ORDER_KEYS = 256;
  private static final int ORDER_STRUCTS = 4096;

  private static final ThreadLocal<Names> NAMES = ThreadLocal.withInitial(Names::new);

  private final byte[] bytes;
  private final int end;
  private final Names names = NAMES.get();
  private int pos;

  private ByteScan(byte[] bytes, int end) {
    this.bytes = bytes;
    this.end = end;
  }

  /**
   * The fields of the structs a thread has met, by the bytes of their key: a record's keys are
   * looked up without making a String of each. Only fields found are kept (a struct's fields are
   * added, never replaced, so they stay right); a key not yet known is asked of the struct again.
   */
  private static final class Names {
    private static final int MAX_CAPACITY = 1 << 16;
    private Shape[] structs = new Shape[1024];
    private byte[][] keys = new byte[1024][];
    private int[] hashes = new int[1024];
    private Shape[] fields = new Shape[1024];
    private int count;
    private final Map<Shape, Order> orders = new IdentityHashMap<>();

    /** The order in which this thread last met the keys of {@code struct}. */
    Order order(Shape struct) {
      Order order = orders.get(struct);
      if (order == null) {
        if (orders.size() >= ORDER_STRUCTS) {
          orders.clear();
        }
        order = new Order();
        orders.put(struct, order);
      }
      return order;
    }

    Shape field(Shape struct, byte[] bytes, int from, int length, int hash) {
      int mask = structs.length - 1;
      for (int i = mix(hash) & mask; structs[i] != null; i = (i + 1) & mask) {
        if (structs[i] == struct && hashes[i] == hash && same(keys[i], bytes, from, length)) {
          return fields[i];
        }
      }
      Shape field = struct.field(new String(bytes, from, length, StandardCharsets.ISO_8859_1));
      if (field != null) {
        remember(struct, Arrays.copyOfRange(bytes, from, from + length), hash, field);
      }
      return field;
    }

    /** A plain loop: keys are short, and Arrays.equals costs more to set up than to run here. */
    private static boolean same(byte[] key, byte[] bytes, int from, int length) {
      if (key.length != length) {
        return false;
      }
      for (int k = 0; k < length; k++) {
        if (key[k] != bytes[from + k]) {
          return false;
        }
      }
      return true;
    }

    private void remember(Shape struct, byte[] key, int hash, Shape field) {
      if (2 * (count + 1) > structs.length) {
        Shape[] oldStructs = structs;
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        Shape[] oldFields = fields;
        int capacity = Math.min(2 * structs.length, MAX_CAPACITY);
        structs = new Shape[capacity];
        keys = new byte[capacity][];
        hashes = new int[capacity];
        fields = new Shape[capacity];
        count = 0;
        if (capacity > oldStructs.length) { // else forget everything: a thread met too many keys
          for (int i = 0; i < oldStructs.length; i++) {
            if (oldStructs[i] != null) {
              put(oldStructs[i], oldKeys[i], oldHashes[i], oldFields[i]);
            }
          }
        }
      }
      put(struct, key, hash, field);
    }

    private void put(Shape struct, byte[] key, int hash, Shape field) {
      int mask = structs.length - 1;
      int i = mix(hash) & mask;
      while (structs[i] != null) {
        i = (i + 1) & mask;
      }
      structs[i] = struct;
      keys[i] = key;
      hashes[i] = hash;
      fields[i] = field;
      count++;
    }

    private static int mix(int hash) {
      return hash ^ (hash >>> 16);
    }
  }

  /**
   * The key and field a thread last met at each position of a struct's objects. No field is at two
   * positions, so keys that all match their position are never repeated.
   */
  private static final class Order {
    private byte[][] keys = new byte[8][];
    private Shape[] fields = new Shape[8];

    /** The field at {@code position} when the key starting at {@code from} is its key, or null. */
    Shape match(int position, byte[] bytes, int from, int end) {
      if (position >= keys.length) {
        return null;
      }
      byte[] key = keys[position];
      if (key == null) {
        return null;
      }
      int length = key.length;
      if (from + length >= end || bytes[from + length] != '"') {
        return null;
      }
      for (int k = 0; k < length; k++) {
        if (key[k] != bytes[from + k]) {
          return null;
        }
      }
      return fields[position];
    }

    /** The fields at positions {@code 0 .. count - 1}. */
    Shape[] fields(int count, int capacity) {
      Shape[] copy = new Shape[Math.max(capacity, count + 1)];
      System.arraycopy(fields, 0, copy, 0, count);
      return copy;
    }

    /** Remembers a plain key met at {@code position}, forgetting the field's former position. */
    void remember(int position, byte[] bytes, int from, int length, Shape field) {
      if (position >= ORDER_KEYS) {
        return;
      }
      if (position >= keys.length) {
        int capacity = Math.min(ORDER_KEYS, Math.max(2 * keys.length, position + 1));
        keys = Arrays.copyOf(keys, capacity);
        fields = Arrays.copyOf(fields, capacity);
      }
      for (int i = 0; i < fields.length; i++) {
        if (fields[i] == field) {
          fields[i] = null;
          keys[i] = null;
        }
      }
      keys[position] = Arrays.copyOfRange(bytes, from, from + length);
      fields[position] = field;
    }
  }

  /** True when the first {@code length} bytes are one JSON object that fits {@code root} as is. */
  static boolean fits(byte[] buffer, int length, Shape root) {
    ByteScan scan = new ByteScan(buffer, length);
    scan.skipSpace();
    if (scan.at() != '{') {
      return false;
    }
    scan.pos++;
    if (!scan.object(root, 0)) {
      return false;
    }
    scan.skipSpace();
    return scan.pos == length;
  }

  /** The byte at the position, or -1 at the end. */
  private int at() {
    return pos < end ? bytes[pos] : -1;
  }

  private void skipSpace() {
    while (pos < end) {
      byte b = bytes[pos];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return;
      }
      pos++;
    }
  }

  /** An object's members up to its closing brace; the position is just after the opening one. */
  private boolean object(Shape struct, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    skipSpace();
    if (at() == '}') {
      pos++;
      return true;
    }
    Order order = names.order(struct);
    Shape[] seen = null; // the fields met, once a key was not the expected one
    int count = 0;
    Set<Shape> many = null;
    while (true) {
      if (at() != '"') {
        return false;
      }
      int nameStart = ++pos;
      if (seen == null) {
        Shape expected = order.match(count, bytes, nameStart, end);
        if (expected != null) {
          pos += order.keys[count].length + 1;
          count++;
          if (!member(expected, depth)) {
            return false;
          }
          int next = at();
          if (next == '}') {
            pos++;
            return true;
          }
          pos++;
          skipSpace();
          continue;
        }
        seen = order.fields(count, 8);
      }
      int hash = 0;
      while (true) {
        if (pos >= end) {
          return false;
        }
        byte b = bytes[pos];
        if (b == '"') {
          break;
        }
        if (b < 0x20 || b == '\\') { // control, escape or non-ASCII (negative): the token check
          return false;
        }
        hash = 31 * hash + b;
        pos++;
      }
      Shape field = names.field(struct, bytes, nameStart, pos - nameStart, hash);
      int nameLength = pos - nameStart;
      pos++;
      if (field == null) {
        return false; // unknown, even when null: the token check settles repeated ones
      }
      if (many != null) {
        if (!many.add(field)) {
          return false;
        }
      } else {
        for (int i = 0; i < count; i++) {
          if (seen[i] == field) {
            return false;
          }
        }
        if (count == seen.length) {
          if (count >= LINEAR_KEYS) {
            many = new HashSet<>(Arrays.asList(seen));
            many.add(field);
          } else {
            seen = Arrays.copyOf(seen, count * 2);
          }
        }
        if (many == null) {
          seen[count] = field;
        }
      }
      order.remember(count, bytes, nameStart, nameLength, field);
      count++;
      if (!member(field, depth)) {
        return false;
      }
      int next = at();
      if (next == '}') {
        pos++;
        return true;
      }
      pos++;
      skipSpace();
    }
  }

  /**
   * The rest of a member after its key's closing quote: the colon, the value and the space after
   * it, up to a closing brace or a comma, which is left to the caller.
   */
  private boolean member(Shape field, int depth) {
    skipSpace();
    if (at() != ':') {
      return false;
    }
    pos++;
    skipSpace();
    if (!value(field, depth)) {
      return false;
    }
    skipSpace();
    int next = at();
    return next == '}' || next == ',';
  }

  /** One value of a known field; null fits every shape. */
  private boolean value(Shape shape, int depth) {
    int first = at();
    if (first == 'n') {
      return literal("null");
    }
    return switch (shape.kind()) {
      case STRING -> first == '"' && string();
      case BOOLEAN -> first == 't' ? literal("true") : first == 'f' && literal("false");
      case LONG -> number(LONG_DIGITS, false);
      case DOUBLE -> number(DOUBLE_DIGITS, true);
      case STRUCT -> first == '{' && enter() && object(shape, depth + 1);
      case LIST -> first == '[' && enter() && list(shape.element(), depth + 1);
      case OTHER -> false;
    };
  }

  private boolean enter() {
    pos++;
    return true;
  }

  private boolean list(Shape element, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    skipSpace();
    if (at() == ']') {
      pos++;
      return true;
    }
    while (true) {
      if (at() == 'n') {
        if (!literal("null")) {
          return false;
        }
      } else if (element == null || !value(element, depth)) {
        return false;
      }
      skipSpace();
      int next = at();
      if (next == ']') {
        pos++;
        return true;
      }
      if (next != ',') {
        return false;
      }
      pos++;
      skipSpace();
    }
  }

  /** The literal's bytes; what follows is checked by the caller, which accepts only a separator. */
  private boolean literal(String word) {
    if (pos + word.length() > end) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (bytes[pos + i] != word.charAt(i)) {
        return false;
      }
    }
    pos += word.length();
    return true;
  }

  /** A string value; the position is at its opening quote. */
  private boolean string() {
    pos++;
    while (pos < end) {
      int b = bytes[pos] & 0xff;
      if (b == '"') {
        pos++;
        return true;
      }
      if (b == '\\') {
        if (pos + 1 >= end) {
          return false;
        }
        switch (bytes[pos + 1]) {
          case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> pos += 2;
          default -> {
            return false; // \\u (maybe a surrogate) or not an escape: the token check
          }
        }
        continue;
      }
      if (b < 0x20) {
        return false;
      }
      pos++;
    }
    return false;
  }

  /**
   * A number in JSON's grammar without exponent: an integer of at most {@code maxDigits} digits,
   * or, when {@code decimals}, a decimal literal.
   */
  private boolean number(int maxDigits, boolean decimals) {
    int start = pos;
    if (at() == '-') {
      pos++;
    }
    int digits = pos;
    int first = at();
    if (first == '0') {
      pos++; // a leading zero stands alone: "01" fails at the caller, as in JSON
    } else if (first >= '1' && first <= '9') {
      skipDigits();
    } else {
      return false;
    }
    boolean fraction = at() == '.';
    if (fraction) {
      if (!decimals) {
        return false;
      }
      pos++;
      int fractionStart = pos;
      skipDigits();
      if (pos == fractionStart) {
        return false;
      }
    }
    int next = at();
    if (next == 'e' || next == 'E') {
      return false;
    }
    return fraction ? pos - start < MAX_NUMBER_CHARS : pos - digits <= maxDigits;
  }

  private void skipDigits() {
    while (pos < end && bytes[pos] >= '0' && bytes[pos] <= '9') {
      pos++;
    }
  }
}
