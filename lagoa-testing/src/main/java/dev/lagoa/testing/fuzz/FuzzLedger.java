package dev.lagoa.testing.fuzz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks what a loader made of generated files: every record exactly once either a row or a
 * quarantine entry, by file and line. A quarantine entry that says the rest of the file is not
 * loaded (a broken JSON document, a truncated gzip) accounts for every record from its line on.
 */
public final class FuzzLedger {
  private final Map<String, FuzzFile> files = new HashMap<>();
  private final Map<String, Map<Long, Integer>> seen = new HashMap<>();
  private final Map<String, Long> restFrom = new HashMap<>();
  private final List<String> problems = new ArrayList<>();
  private long phantoms;

  public void expect(FuzzFile file) {
    files.put(file.path().toString(), file);
  }

  /** A row the loader wrote, with its {@code _source_file} and {@code _line}. */
  public void row(String file, long line) {
    count(file, line, "row");
  }

  /** A quarantine entry. */
  public void quarantined(String file, long line, String reason) {
    if (coversRest(reason)) {
      restFrom.merge(file, line, Math::min);
    }
    count(file, line, "quarantine entry (" + reason + ")");
  }

  static boolean coversRest(String reason) {
    return reason.contains("the rest of the file is not loaded");
  }

  private void count(String file, long line, String what) {
    FuzzFile expected = files.get(file);
    if (expected == null) {
      problems.add(what + " for a file never generated: " + file + " line " + line);
      phantoms++;
      return;
    }
    seen.computeIfAbsent(file, f -> new TreeMap<>()).merge(line, 1, Integer::sum);
    if (line > 0 && !expected.recordLines().contains(line) && what.equals("row")) {
      problems.add("row at " + file + " line " + line + ", where no record starts");
      phantoms++;
    }
  }

  /** Every record that is neither a row nor quarantined, nor after a rest-of-file entry. */
  public long lost() {
    long lost = 0;
    for (FuzzFile file : files.values()) {
      String name = file.path().toString();
      Map<Long, Integer> lines = seen.getOrDefault(name, Map.of());
      long rest = restFrom.getOrDefault(name, Long.MAX_VALUE);
      for (long line : file.recordLines()) {
        if (line < rest && !lines.containsKey(line)) {
          lost++;
          problems.add("lost: " + name + " line " + line);
        }
      }
    }
    return lost;
  }

  /** Lines accounted for more than once. */
  public long duplicated() {
    long duplicated = 0;
    for (Map.Entry<String, Map<Long, Integer>> file : seen.entrySet()) {
      for (Map.Entry<Long, Integer> line : file.getValue().entrySet()) {
        if (line.getValue() > 1 && line.getKey() > 0) {
          duplicated += line.getValue() - 1;
          problems.add(
              "line accounted "
                  + line.getValue()
                  + " times: "
                  + file.getKey()
                  + " "
                  + line.getKey());
        }
      }
    }
    return duplicated;
  }

  /** Rows at lines where no record starts, or for files never generated. */
  public long phantoms() {
    return phantoms;
  }

  public long records() {
    return files.values().stream().mapToLong(file -> file.recordLines().size()).sum();
  }

  /** What went wrong, one line each; empty when nothing did. */
  public List<String> problems() {
    return List.copyOf(problems);
  }
}
