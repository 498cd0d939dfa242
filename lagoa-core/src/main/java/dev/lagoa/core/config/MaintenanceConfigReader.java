package dev.lagoa.core.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code maintenance:} section:
 *
 * <pre>
 * maintenance:
 *   target_file_size: 128MB     # compaction target
 *   expire_older_than: 7d       # snapshot retention
 *   keep_last: 1                # snapshots kept whatever their age
 *   orphan_grace: 3d            # unreferenced files younger than this are kept
 *   tables:
 *     bronze.readings: {target_file_size: 64MB}
 * </pre>
 *
 * A table's entry overrides only the settings it names.
 */
public final class MaintenanceConfigReader {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?");

  private MaintenanceConfigReader() {}

  static MaintenanceConfig read(ConfigNode node) {
    MaintenanceOptions defaults = options(node, MaintenanceOptions.DEFAULT);
    Map<String, MaintenanceOptions> tables =
        node.namedChildren(
            "tables",
            (table, child) -> {
              if (!TableName.isValid(table)) {
                node.problems()
                    .add(child.path(), "names table '" + table + "' but it must be namespace.name");
              }
              MaintenanceOptions options = options(child, defaults);
              child.rejectUnknownKeys();
              return options;
            });
    node.rejectUnknownKeys();
    return new MaintenanceConfig(defaults, tables);
  }

  private static MaintenanceOptions options(ConfigNode node, MaintenanceOptions inherited) {
    long size =
        node.optionalString("target_file_size")
            .map(text -> size(text).orElseGet(() -> problem(node, "target_file_size", text, -1L)))
            .filter(value -> value > 0)
            .orElse(inherited.targetFileSizeBytes());
    Duration expire = duration(node, "expire_older_than", inherited.expireOlderThan());
    int keepLast = node.integer("keep_last", inherited.keepLast(), 1);
    Duration grace = duration(node, "orphan_grace", inherited.orphanGrace());
    return new MaintenanceOptions(size, expire, keepLast, grace);
  }

  private static Duration duration(ConfigNode node, String key, Duration inherited) {
    return node.optionalString(key)
        .map(text -> duration(text).orElseGet(() -> problem(node, key, text, inherited)))
        .orElse(inherited);
  }

  private static <T> T problem(ConfigNode node, String key, String text, T fallback) {
    node.problems()
        .add(
            (node.path().isEmpty() ? "" : node.path() + ".") + key,
            "was '"
                + text
                + "' but it must be "
                + (key.equals("target_file_size")
                    ? "a size such as 128MB, 1GB or 512KB"
                    : "a duration such as 7d, 12h, 30m or 0s"));
    return fallback;
  }

  /** {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 500ms}; empty if not one. */
  public static Optional<Duration> duration(String text) {
    Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    return Optional.of(
        switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        });
  }

  /** {@code 128MB}, {@code 1GB}, {@code 512KB}, or bytes; empty if not one. */
  public static Optional<Long> size(String text) {
    Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "b" : matcher.group(2);
    return Optional.of(
        switch (unit) {
          case "kb" -> amount << 10;
          case "mb" -> amount << 20;
          case "gb" -> amount << 30;
          default -> amount;
        });
  }
}
