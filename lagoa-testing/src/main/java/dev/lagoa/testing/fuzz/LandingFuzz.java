package dev.lagoa.testing.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes awkward landing files for fuzzing a loader: NDJSON, JSON arrays and CSV mixing valid
 * records with keys that collide by case, hold dots, unicode or nothing, repeat within a record,
 * reach {@code maxWidth} keys, values of random types (numbers beyond double or long range, lone
 * surrogate escapes), malformed records, random byte corruption and truncated gzip. Each file comes
 * with the lines where its records start, which is what a loader must account for.
 *
 * <p>Deterministic: the same seed writes the same files.
 */
public final class LandingFuzz {
  /** The format of a generated file, named as the loader's {@code format} setting. */
  public enum Format {
    NDJSON,
    JSON,
    CSV
  }

  private static final String[] KEYS = {
    "id",
    "Id",
    "ID",
    "name",
    "Name",
    "NAME",
    "a",
    "a.b",
    "a_b",
    "x.y.z",
    "value",
    "v",
    "V",
    "ünïcödé",
    "日本語",
    "emoji😀",
    "with space",
    "_line",
    "_rescued_data",
    "__lagoa_file",
    "",
    "tab\tkey",
    "k"
  };

  private final Random random;
  private final int maxWidth;

  /**
   * @param maxWidth the most keys one record may have (wide records are rare)
   */
  public LandingFuzz(long seed, int maxWidth) {
    this.random = new Random(seed);
    this.maxWidth = maxWidth;
  }

  /** Writes one file of {@code format} into {@code directory}. */
  public FuzzFile write(Path directory, String baseName, Format format) {
    List<Long> lines = new ArrayList<>();
    byte[] bytes =
        switch (format) {
          case NDJSON -> ndjson(lines);
          case JSON -> jsonArray(lines);
          case CSV -> csv(lines);
        };
    if (random.nextInt(8) == 0) {
      corrupt(bytes, format);
    }
    String extension =
        switch (format) {
          case NDJSON -> ".jsonl";
          case JSON -> ".json";
          case CSV -> ".csv";
        };
    boolean gzip = random.nextInt(4) == 0;
    if (gzip) {
      bytes = gzip(bytes);
      extension += ".gz";
      if (random.nextInt(3) == 0 && bytes.length > 12) {
        bytes = Arrays.copyOf(bytes, 10 + random.nextInt(bytes.length - 10));
      }
    }
    Path file = directory.resolve(baseName + extension);
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FuzzFile(file, format, lines);
  }

  private byte[] ndjson(List<Long> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int records = random.nextInt(25);
    long line = 1;
    for (int i = 0; i < records; i++) {
      if (random.nextInt(10) == 0) {
        out.writeBytes("\n".getBytes(StandardCharsets.UTF_8)); // a blank line is no record
        line++;
      }
      out.writeBytes(recordBytes());
      out.write('\n');
      lines.add(line++);
    }
    return out.toByteArray();
  }

  private byte[] jsonArray(List<Long> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int records = random.nextInt(20);
    if (records == 1 && random.nextBoolean()) {
      out.writeBytes(object(0, random.nextInt(8)).getBytes(StandardCharsets.UTF_8)); // one document
      lines.add(1L);
      return out.toByteArray();
    }
    out.writeBytes("[\n".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < records; i++) {
      out.writeBytes(recordBytes());
      out.writeBytes((i + 1 < records ? ",\n" : "\n").getBytes(StandardCharsets.UTF_8));
      lines.add((long) i + 2);
    }
    out.writeBytes("]\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private byte[] recordBytes() {
    int kind = random.nextInt(40);
    if (kind == 0) {
      return "{\"broken\": ".getBytes(StandardCharsets.UTF_8);
    }
    if (kind == 1) {
      return "[1, 2]".getBytes(StandardCharsets.UTF_8);
    }
    if (kind == 2) {
      return "{\"n\": NaN}".getBytes(StandardCharsets.UTF_8);
    }
    if (kind == 3) {
      return new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'};
    }
    return object(0, random.nextInt(50) == 0 ? 1 + random.nextInt(maxWidth) : random.nextInt(8))
        .getBytes(StandardCharsets.UTF_8);
  }

  private String object(int depth, int width) {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < width; i++) {
      if (i > 0) {
        json.append(", ");
      }
      String key = width > KEYS.length * 2 ? "w" + (i % (width / 2 + 1)) : key();
      json.append(string(key)).append(": ").append(value(depth));
    }
    return json.append('}').toString();
  }

  private String key() {
    if (random.nextInt(6) == 0) {
      return "k" + random.nextInt(30);
    }
    return KEYS[random.nextInt(KEYS.length)];
  }

  private String value(int depth) {
    return switch (random.nextInt(depth < 3 ? 14 : 11)) {
      case 0 -> "null";
      case 1 -> Boolean.toString(random.nextBoolean());
      case 2 -> Long.toString(random.nextLong() >> random.nextInt(63));
      case 3 -> Double.toString(random.nextGaussian() * 1000);
      case 4 -> "99999999999999999999999";
      case 5 -> random.nextBoolean() ? "1e400" : "-1.5e308";
      case 6 -> string(text());
      case 7 -> random.nextBoolean() ? "\"\\ud800\"" : "\"\\ud83d\\ude00 ok\"";
      case 8 -> "\"x\\u0000y\"";
      case 9, 10 -> string("s" + random.nextInt(100));
      case 11 -> object(depth + 1, random.nextInt(4));
      case 12 -> "[" + value(depth + 1) + ", " + value(depth + 1) + "]";
      default -> "[]";
    };
  }

  private String text() {
    String[] texts = {"plain", "ünï", "日本", "quote \" inside", "comma, inside", "line\nbreak", ""};
    return texts[random.nextInt(texts.length)];
  }

  private static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private byte[] csv(List<Long> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int columns = random.nextInt(40) == 0 ? 1 + random.nextInt(maxWidth) : 1 + random.nextInt(6);
    List<String> header = new ArrayList<>();
    for (int i = 0; i < columns; i++) {
      header.add(random.nextInt(3) == 0 ? "c" + i : KEYS[random.nextInt(KEYS.length)]);
    }
    out.writeBytes(
        (String.join(",", header.stream().map(LandingFuzz::csvValue).toList()) + "\n")
            .getBytes(StandardCharsets.UTF_8));
    long line = 2;
    int records = random.nextInt(25);
    for (int r = 0; r < records; r++) {
      int values = random.nextInt(15) == 0 ? columns + 1 : columns;
      StringBuilder row = new StringBuilder();
      long breaks = 0;
      for (int i = 0; i < values; i++) {
        if (i > 0) {
          row.append(',');
        }
        String value = csvText();
        breaks += value.chars().filter(c -> c == '\n').count();
        row.append(csvValue(value));
      }
      if (row.length() == 0) {
        row.append("\"\""); // a row of one empty value, not a blank line
      }
      byte[] bytes = (row + "\n").getBytes(StandardCharsets.UTF_8);
      if (random.nextInt(20) == 0) {
        bytes = (row + "\u00e9\n").getBytes(StandardCharsets.ISO_8859_1); // not UTF-8
      }
      out.writeBytes(bytes);
      lines.add(line);
      line += 1 + breaks;
    }
    return out.toByteArray();
  }

  private String csvText() {
    return switch (random.nextInt(10)) {
      case 0 -> "";
      case 1 -> Long.toString(random.nextInt(1000));
      case 2 -> "99999999999999999999999";
      case 3 -> "1e400";
      case 4 -> "true";
      case 5 -> "2.5";
      default -> text();
    };
  }

  private static String csvValue(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  /** Replaces a few bytes; never with or instead of line breaks or CSV quotes and commas. */
  private void corrupt(byte[] bytes, Format format) {
    if (bytes.length == 0) {
      return;
    }
    int flips = 1 + random.nextInt(3);
    for (int i = 0; i < flips; i++) {
      int at = random.nextInt(bytes.length);
      byte replacement = (byte) random.nextInt(256);
      if (protectedByte(bytes[at], format) || protectedByte(replacement, format)) {
        continue;
      }
      bytes[at] = replacement;
    }
  }

  private static boolean protectedByte(byte b, Format format) {
    return b == '\n' || b == '\r' || (format == Format.CSV && (b == '"' || b == ','));
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
