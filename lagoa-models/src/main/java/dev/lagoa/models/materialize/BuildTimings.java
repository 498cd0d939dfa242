package dev.lagoa.models.materialize;

import java.util.Locale;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long each stage of one model build took, logged at debug level on logger {@value #LOGGER}
 * when the build ends ({@code -Dorg.slf4j.simpleLogger.log.dev.lagoa.models.timing=debug} turns it
 * on in the CLI): where a slow build spends its time — planning, the model's query, the write, the
 * commit.
 */
final class BuildTimings {
  static final String LOGGER = "dev.lagoa.models.timing";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final String model;
  private final long start = System.nanoTime();
  private final StringJoiner stages = new StringJoiner(", ");
  private long last = start;

  BuildTimings(String model) {
    this.model = model;
  }

  /** Ends the stage that started at the previous call (or at creation) and names it. */
  void stage(String name) {
    if (LOG.isDebugEnabled()) {
      long now = System.nanoTime();
      stages.add(name + " " + seconds(now - last));
      last = now;
    }
  }

  /** Logs the stages so far and the total. */
  void log() {
    if (LOG.isDebugEnabled()) {
      LOG.debug("model {} built in {} s: {}", model, seconds(System.nanoTime() - start), stages);
    }
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
  }
}
