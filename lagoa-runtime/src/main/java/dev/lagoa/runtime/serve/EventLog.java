package dev.lagoa.runtime.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.runtime.runs.RunListener;
import dev.lagoa.runtime.runs.RunRecord;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line per service event — a run queued, started, retried, finished; files arrived; a schedule
 * firing skipped — as text for people or JSON for log collectors ({@code --log-format json}).
 */
public final class EventLog implements RunListener {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How events are written. */
  public enum Format {
    TEXT,
    JSON
  }

  private final PrintStream out;
  private final Format format;
  private final Clock clock;

  public EventLog(PrintStream out, Format format, Clock clock) {
    this.out = out;
    this.format = format;
    this.clock = clock;
  }

  /** Writes one event; {@code fields} in order, values as text. */
  public synchronized void event(String event, Map<String, Object> fields) {
    if (format == Format.JSON) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("time", clock.instant().toString());
      line.put("event", event);
      line.putAll(fields);
      try {
        out.println(JSON.writeValueAsString(line));
      } catch (JsonProcessingException e) {
        out.println("{\"event\":\"log_error\",\"error\":\"" + e.getOriginalMessage() + "\"}");
      }
    } else {
      StringBuilder line = new StringBuilder(clock.instant().toString()).append(' ').append(event);
      fields.forEach(
          (key, value) -> {
            String text = String.valueOf(value);
            line.append(' ')
                .append(key)
                .append('=')
                .append(text.contains(" ") || text.isEmpty() ? '"' + text + '"' : text);
          });
      out.println(line);
    }
    out.flush();
  }

  @Override
  public void queued(RunRecord run) {
    event("run_queued", fields(run));
  }

  @Override
  public void started(RunRecord run) {
    event("run_started", fields(run));
  }

  @Override
  public void attemptFailed(RunRecord run, int attempt, String error, Duration retryIn) {
    Map<String, Object> fields = fields(run);
    fields.put("attempt", attempt);
    fields.put("retry_in_ms", retryIn.toMillis());
    fields.put("error", error);
    event("run_retrying", fields);
  }

  @Override
  public void finished(RunRecord run) {
    Map<String, Object> fields = fields(run);
    fields.put("status", run.status().label());
    fields.put("attempts", run.attempts());
    fields.put("duration_ms", run.duration().map(Duration::toMillis).orElse(0L));
    fields.put("rows_loaded", run.rowsLoaded());
    fields.put("rows_quarantined", run.rowsQuarantined());
    run.error().ifPresent(error -> fields.put("error", error));
    event("run_finished", fields);
  }

  private static Map<String, Object> fields(RunRecord run) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("run", run.id());
    fields.put("job", run.job());
    fields.put("trigger", run.trigger().label());
    fields.put("selection", run.selection());
    return fields;
  }
}
