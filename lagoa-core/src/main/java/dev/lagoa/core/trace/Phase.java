package dev.lagoa.core.trace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phases of a run, logged at debug level on logger {@code dev.lagoa.phase} as each starts, so
 * that a crash trial (or a person reading a log) can tell where a killed process was. Off by
 * default; {@code -Dorg.slf4j.simpleLogger.log.dev.lagoa.phase=debug} turns it on in the CLI.
 */
public enum Phase {
  DISCOVERY,
  READING,
  STAGING,
  COMMIT,
  MODEL_BUILD,
  MAINTENANCE;

  private static final Logger LOG = LoggerFactory.getLogger("dev.lagoa.phase");

  /** Logs that this phase starts for {@code subject} (a source, a model, a table). */
  public void enter(String subject) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("phase={} subject={}", name().toLowerCase(java.util.Locale.ROOT), subject);
    }
  }
}
