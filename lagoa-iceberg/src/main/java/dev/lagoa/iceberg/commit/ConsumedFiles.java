package dev.lagoa.iceberg.commit;

import dev.lagoa.core.LagoaException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compact form of a list of consumed files: {@code name TAB size TAB mtime} lines, gzip
 * compressed. Snapshot summaries hold it base64-encoded (the files one commit consumed); ledger
 * files hold it as bytes (every file a source ever consumed).
 */
public final class ConsumedFiles {
  private ConsumedFiles() {}

  public static String encode(Collection<ConsumedFile> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    write(files, bytes);
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  public static List<ConsumedFile> decode(String encoded, String where) {
    return read(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)), where);
  }

  static void write(Collection<ConsumedFile> files, OutputStream out) {
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
      StringBuilder lines = new StringBuilder();
      for (ConsumedFile file : files) {
        lines
            .append(file.name())
            .append('\t')
            .append(file.size())
            .append('\t')
            .append(file.modifiedMillis())
            .append('\n');
        if (lines.length() > 1 << 16) {
          gzip.write(lines.toString().getBytes(StandardCharsets.UTF_8));
          lines.setLength(0);
        }
      }
      gzip.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot write a consumed-file list: %s", e.getMessage());
    }
  }

  static List<ConsumedFile> read(InputStream in, String where) {
    try (GZIPInputStream gzip = new GZIPInputStream(in, 1 << 16)) {
      String text = new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
      List<ConsumedFile> files = new ArrayList<>();
      text.lines()
          .forEach(
              line -> {
                String[] parts = line.split("\t");
                files.add(
                    new ConsumedFile(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
              });
      return files;
    } catch (IOException | RuntimeException e) {
      throw LagoaException.internal(
          e, "Cannot read the consumed-file list of %s: %s", where, e.getMessage());
    }
  }
}
