package dev.lagoa.ingest.stage;

import dev.lagoa.core.LagoaException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The staging step's safety net. The reader decides per record what the staging step may see, so
 * the step should never reject a batch; if it does anyway (a gap between the two definitions of a
 * valid record), the staged records are split in halves and each half written again, down to the
 * single records that fail, which are handed back to be quarantined with their landing file and
 * line. The rest of the batch lands: one record never blocks a source.
 *
 * <p>A failure that is not about a record (a full disk) fails every half; once {@link
 * #MAX_REJECTED} single records have failed, the original error is raised instead.
 */
public final class RejectIsolation {
  static final int MAX_REJECTED = 64;
  private static final Pattern TAGS =
      Pattern.compile(
          "^\\{\""
              + StagingWriter.FILE_FIELD
              + "\":(\\d+),\""
              + StagingWriter.LINE_FIELD
              + "\":(\\d+)");
  private static final Pattern STAGING_FILE = Pattern.compile(" ?in file \"[^\"]*\",?");

  private RejectIsolation() {}

  /** A staged record the staging step refused, by its batch-local file index and line. */
  public record Rejected(int file, long line, String reason, byte[] raw) {}

  /** What was written, and the records refused. */
  public record Outcome<F>(List<F> written, List<Rejected> rejected) {}

  /**
   * Writes {@code staged} with {@code write}; on failure isolates the failing records.
   *
   * @param scratch a directory for the halves
   */
  public static <F> Outcome<F> write(
      List<Path> staged, Function<List<Path>, List<F>> write, Path scratch) {
    try {
      return new Outcome<>(write.apply(staged), List.of());
    } catch (LagoaException first) {
      Outcome<F> outcome = new Outcome<>(new ArrayList<>(), new ArrayList<>());
      try {
        Path all = scratch.resolve("isolate-0.ndjson");
        long records = concatenate(staged, all);
        new Bisection<>(write, scratch, outcome, first).split(all, records, first);
      } catch (IOException e) {
        throw LagoaException.external(
            e, "Cannot isolate rejected records in %s: %s", scratch, e.getMessage());
      }
      return outcome;
    }
  }

  private static final class Bisection<F> {
    private final Function<List<Path>, List<F>> write;
    private final Path scratch;
    private final Outcome<F> outcome;
    private final LagoaException first;
    private int parts;

    Bisection(
        Function<List<Path>, List<F>> write,
        Path scratch,
        Outcome<F> outcome,
        LagoaException first) {
      this.write = write;
      this.scratch = scratch;
      this.outcome = outcome;
      this.first = first;
    }

    /** Splits {@code file}, which failed with {@code failure}, in halves and writes each. */
    void split(Path file, long records, LagoaException failure) throws IOException {
      if (records <= 1) {
        reject(file, failure);
        return;
      }
      long half = records / 2;
      Path left = scratch.resolve("isolate-" + (++parts) + ".ndjson");
      Path right = scratch.resolve("isolate-" + (++parts) + ".ndjson");
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
          OutputStream l = new BufferedOutputStream(Files.newOutputStream(left), 1 << 16);
          OutputStream r = new BufferedOutputStream(Files.newOutputStream(right), 1 << 16)) {
        long n = 0;
        int b;
        while ((b = in.read()) >= 0) {
          (n < half ? l : r).write(b);
          if (b == '\n') {
            n++;
          }
        }
      }
      Files.deleteIfExists(file);
      attempt(left, half);
      attempt(right, records - half);
    }

    private void attempt(Path file, long records) throws IOException {
      try {
        outcome.written().addAll(write.apply(List.of(file)));
        Files.deleteIfExists(file);
      } catch (LagoaException e) {
        split(file, records, e);
      }
    }

    private void reject(Path file, LagoaException failure) throws IOException {
      byte[] raw = Files.readAllBytes(file);
      int length = raw.length;
      while (length > 0 && (raw[length - 1] == '\n' || raw[length - 1] == '\r')) {
        length--;
      }
      String head = new String(raw, 0, Math.min(length, 80), StandardCharsets.ISO_8859_1);
      Matcher tags = TAGS.matcher(head);
      if (outcome.rejected().size() >= MAX_REJECTED || !tags.find()) {
        throw first;
      }
      outcome
          .rejected()
          .add(
              new Rejected(
                  Integer.parseInt(tags.group(1)),
                  Long.parseLong(tags.group(2)),
                  "rejected by the staging step: " + withoutStagingFile(failure.getMessage()),
                  java.util.Arrays.copyOf(raw, length)));
      Files.deleteIfExists(file);
    }
  }

  /** The message without the temporary staging file it names: the landing file is named instead. */
  static String withoutStagingFile(String message) {
    return STAGING_FILE.matcher(message).replaceAll("");
  }

  private static long concatenate(List<Path> staged, Path into) throws IOException {
    long records = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(into), 1 << 16)) {
      for (Path file : staged) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
          int b;
          int last = '\n';
          while ((b = in.read()) >= 0) {
            out.write(b);
            if (b == '\n') {
              records++;
            }
            last = b;
          }
          if (last != '\n') {
            out.write('\n');
            records++;
          }
        }
      }
    }
    return records;
  }
}
