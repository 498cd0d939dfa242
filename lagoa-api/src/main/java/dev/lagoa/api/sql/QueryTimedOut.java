package dev.lagoa.api.sql;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import java.time.Duration;

/** A query cancelled because it ran longer than the time limit. */
public final class QueryTimedOut extends LagoaException {
  public QueryTimedOut(Duration limit) {
    super(
        ErrorCategory.USER_INPUT,
        "Cannot run query: it ran longer than the time limit of "
            + limit.toMillis()
            + " ms and was cancelled");
  }
}
