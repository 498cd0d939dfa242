package dev.lagoa.runtime.serve;

import dev.lagoa.runtime.trigger.Arrival;
import java.time.Instant;

/** Hears when a file that arrived is in its table: the file-arrival → table latency. */
@FunctionalInterface
public interface ArrivalListener {
  void visible(Arrival arrival, Instant visibleAt);
}
