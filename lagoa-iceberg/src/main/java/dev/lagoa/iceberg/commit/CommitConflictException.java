package dev.lagoa.iceberg.commit;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;

/**
 * Another writer committed to the table after this writer planned its commit, and this commit could
 * not be re-planned on top of it. Nothing of this commit is visible; running the step again plans
 * from the new snapshot. Its category is {@link ErrorCategory#EXTERNAL}: retrying may help.
 */
public final class CommitConflictException extends LagoaException {
  private final String table;

  public CommitConflictException(String table, String message, Throwable cause) {
    super(ErrorCategory.EXTERNAL, message, cause);
    this.table = table;
  }

  /** The table that another writer committed to first. */
  public String table() {
    return table;
  }
}
