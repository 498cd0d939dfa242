package dev.lagoa.iceberg.commit;

import dev.lagoa.core.LagoaException;
import java.util.Iterator;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.ReplacePartitions;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;

/**
 * The one way Lagoa commits to a table, in the spirit of Iceberg's {@code SnapshotProducer}: a
 * writer plans from a snapshot (reads its ledger or bookmark, writes its files), then the commit
 *
 * <ol>
 *   <li><b>validates</b> that the table is still at that snapshot: Iceberg runs the check on every
 *       attempt, so a commit never lands on top of a snapshot its writer did not see;
 *   <li><b>applies</b> the plan's files as the plan's {@link CommitPlan.Kind} says;
 *   <li>records the <b>typed summary</b>, with the carried entries (ledgers, bookmark, offsets) of
 *       the snapshot it was planned from;
 *   <li><b>commits</b>. A lost race in the catalog where nobody added a snapshot (a property or
 *       schema change) is retried by Iceberg ({@code commit.retry.num-retries}).
 * </ol>
 *
 * <p>When another writer got there first, a writer that gave a {@link Planner} is asked to plan
 * again from the new snapshot, up to {@link #ATTEMPTS} times; one that gave a fixed plan gets a
 * {@link CommitConflictException}. That is the whole retry policy.
 */
public final class TableCommit {
  /** How many times a {@link Planner} is asked to plan before the commit is refused. */
  public static final int ATTEMPTS = 5;

  private TableCommit() {}

  /** Plans a commit from a snapshot of the table. */
  @FunctionalInterface
  public interface Planner {
    /**
     * @param base the snapshot to plan from ({@code null}: the table has none yet)
     * @throws CommitConflictException when the writer cannot commit on top of {@code base} (for
     *     example another run consumed the same files); the commit is then refused
     */
    CommitPlan plan(Snapshot base);
  }

  /**
   * Commits what {@code planner} plans from the table's current snapshot, planning again when
   * another writer commits first.
   *
   * @param action what the commit does, for error messages ({@code compact bronze.readings})
   * @return the committed snapshot, or the current one when the plan was {@link
   *     CommitPlan#nothing()}
   */
  public static Snapshot commit(Table table, String action, Planner planner) {
    CommitConflictException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      table.refresh();
      Snapshot base = table.currentSnapshot();
      CommitPlan plan = planner.plan(base); // a writer that refuses to re-plan throws here
      try {
        return commit(table, base, plan, action);
      } catch (CommitConflictException e) {
        last = e;
      }
    }
    throw last;
  }

  /**
   * Commits {@code plan}, planned from {@code base}, refusing with a {@link
   * CommitConflictException} when another writer committed a snapshot since.
   *
   * @param base the snapshot the writer read ({@code null}: the table was empty)
   */
  public static Snapshot commit(Table table, Snapshot base, CommitPlan plan, String action) {
    if (plan.kind() == CommitPlan.Kind.NOTHING) {
      return base;
    }
    SnapshotUpdate<?> update = update(table, base, plan);
    LagoaSummary summary = plan.summary().carriedFrom(LagoaSummary.of(base));
    if (plan.keepsRows() && base != null) {
      summary = summary.withDataVersion(LagoaSummary.dataVersion(base));
    }
    summary.toMap().forEach(update::set);
    update.validateWith(new PlannedFrom(base));
    try {
      update.commit();
    } catch (ValidationException | CommitFailedException e) {
      table.refresh();
      Snapshot now = table.currentSnapshot();
      throw new CommitConflictException(
          nameOf(table),
          String.format(
              "Cannot %s: another writer committed snapshot %s to %s after this commit was planned"
                  + " from %s; nothing of this commit is visible, run again (%s)",
              action,
              now == null ? "(none)" : now.snapshotId(),
              nameOf(table),
              base == null ? "the empty table" : "snapshot " + base.snapshotId(),
              e.getMessage()),
          e);
    } catch (CommitStateUnknownException e) {
      throw LagoaException.external(
          e,
          "Cannot %s: the catalog did not say whether the commit to %s succeeded; run again, the"
              + " table's ledger tells what is in (%s)",
          action,
          nameOf(table),
          e.getMessage());
    }
    return table.currentSnapshot();
  }

  /** A table's {@code namespace.name}, without the catalog name Iceberg puts first. */
  public static String nameOf(Table table) {
    String name = table.name();
    return name.chars().filter(c -> c == '.').count() > 1
        ? name.substring(name.indexOf('.') + 1)
        : name;
  }

  private static SnapshotUpdate<?> update(Table table, Snapshot base, CommitPlan plan) {
    return switch (plan.kind()) {
      case APPEND -> {
        var append = table.newAppend();
        plan.added().forEach(append::appendFile);
        yield append;
      }
      case REPLACE_FILES -> {
        if (plan.deleted().isEmpty()) {
          var append = table.newAppend();
          plan.added().forEach(append::appendFile);
          yield append;
        }
        OverwriteFiles overwrite = table.newOverwrite();
        plan.deleted().forEach(overwrite::deleteFile);
        plan.added().forEach(overwrite::addFile);
        if (base != null) {
          overwrite.validateFromSnapshot(base.snapshotId());
        }
        yield overwrite.validateNoConflictingData().validateNoConflictingDeletes();
      }
      case OVERWRITE_PARTITIONS -> {
        ReplacePartitions replace = table.newReplacePartitions();
        plan.added().forEach(replace::addFile);
        yield replace;
      }
      case REWRITE -> {
        RewriteFiles rewrite = table.newRewrite();
        plan.deleted().forEach(rewrite::deleteFile);
        plan.added().forEach(rewrite::addFile);
        if (base != null) {
          rewrite.validateFromSnapshot(base.snapshotId());
        }
        yield rewrite;
      }
      case NOTHING -> throw new IllegalStateException("nothing to commit");
    };
  }

  /** Passes when the snapshot a commit lands on is the one its writer planned from. */
  private record PlannedFrom(Snapshot base) implements SnapshotAncestryValidator {
    @Override
    public boolean validate(Iterable<Snapshot> ancestors) {
      Iterator<Snapshot> iterator = ancestors.iterator();
      Snapshot parent = iterator.hasNext() ? iterator.next() : null;
      return base == null
          ? parent == null
          : parent != null && parent.snapshotId() == base.snapshotId();
    }

    @Override
    public String errorMessage() {
      return base == null
          ? "the table was empty when this commit was planned"
          : "the table was at snapshot " + base.snapshotId() + " when this commit was planned";
    }
  }
}
