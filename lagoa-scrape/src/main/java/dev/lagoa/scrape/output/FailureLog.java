package dev.lagoa.scrape.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.core.LagoaException;
import dev.lagoa.scrape.crawl.PageFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Where the pages a run could not fetch are kept after the terminal scrolls away: {@code
 * <landing>/.<prefix>_failures.jsonl}, one JSON line per failed page and run ({@code run_started},
 * {@code url}, {@code error}, {@code landed}: the run's file, or null when the run landed nothing).
 * The name is hidden, so loaders of the landing directory never read it as data; query it with
 * {@code lagoa sql "SELECT * FROM read_json('landing/books/.books_failures.jsonl')"} or any JSON
 * tool.
 */
public final class FailureLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FailureLog() {}

  /** The log of the source landing in {@code directory} with {@code prefix}. */
  public static Path of(Path directory, String prefix) {
    return directory.resolve("." + prefix + "_failures.jsonl");
  }

  /**
   * Appends the failures of one run; nothing when there are none.
   *
   * @param landed the run's file, or null when it landed nothing
   */
  public static void append(Path log, Instant runStarted, List<PageFailure> failures, Path landed) {
    if (failures.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (PageFailure failure : failures) {
      ObjectNode line = JSON.createObjectNode();
      line.put("run_started", runStarted.toString());
      line.put("url", failure.url());
      line.put("error", failure.error());
      line.put("landed", landed == null ? null : landed.getFileName().toString());
      lines.append(line).append('\n');
    }
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot record failed pages in %s: %s", log, e);
    }
  }
}
