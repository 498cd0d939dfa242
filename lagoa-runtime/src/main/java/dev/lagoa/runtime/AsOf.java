package dev.lagoa.runtime;

import dev.lagoa.core.LagoaException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A point in a table's history: a snapshot id, or a time (tables as they were then).
 *
 * @param snapshotId the snapshot, or null when a time is given
 * @param time the time, or null when a snapshot is given
 */
public record AsOf(Long snapshotId, Instant time) {
  public static AsOf parse(String text) {
    String value = text.trim();
    if (value.matches("-?\\d{6,}")) {
      return new AsOf(Long.parseLong(value), null);
    }
    try {
      return new AsOf(null, OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException e) {
      // try the forms without an offset, read as UTC
    }
    try {
      return new AsOf(null, LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      // try a date
    }
    try {
      return new AsOf(null, LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw LagoaException.userInput(
          "Cannot use --as-of '%s': expected a snapshot id (see lagoa history) or a time such as 2025-10-29T11:00:00Z",
          text);
    }
  }
}
