package dev.lagoa.models.materialize;

import dev.lagoa.iceberg.PartitionSpecs;
import dev.lagoa.iceberg.commit.TableReplacement;
import dev.lagoa.models.project.ModelConfig;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.TypeUtil;

/**
 * A full build: every data file of the table is replaced by the build's rows (one per unique key).
 * When the columns or the partitioning changed, or the table does not exist yet, the table's
 * definition is replaced in the same commit, so readers never see it empty or half-migrated.
 */
record FullRewrite() implements TableWrite {
  @Override
  public PreparedWrite prepare(Input input) {
    ModelConfig config = input.config();
    Table existing = input.planned().existing();
    Snapshot base = input.planned().base();
    Schema result = input.rows().schema();
    PartitionSpec spec = PartitionSpecs.parse(result, config.partitionBy());
    String kept = input.rows().kept();
    String rows = config.uniqueKey().isEmpty() ? kept : TableWrite.latest(config, kept);
    if (existing != null
        && sameColumns(existing.schema(), result)
        && ModelBuilder.sameFields(existing.spec(), spec)) {
      return new PreparedWrite(existing, null, AffectedFiles.all(existing, base), rows, "");
    }
    TableReplacement replacement =
        input.catalog().startReplacement(config.table(), result, spec, base);
    List<DataFile> replaced = AffectedFiles.all(existing, base);
    return new PreparedWrite(
        replacement.table(),
        replacement,
        replaced,
        rows,
        existing == null ? "" : "; columns or partitioning changed, table definition replaced");
  }

  private static boolean sameColumns(Schema left, Schema right) {
    return TypeUtil.assignIncreasingFreshIds(left)
        .sameSchema(TypeUtil.assignIncreasingFreshIds(right));
  }
}
