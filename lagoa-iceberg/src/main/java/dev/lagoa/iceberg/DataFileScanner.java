package dev.lagoa.iceberg;

import dev.lagoa.core.LagoaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * Turns Parquet files written by an engine into Iceberg data files: metrics from the footer (the
 * files carry Iceberg field ids) and the partition derived from the bounds of each partition source
 * column, which must agree for all rows of a file.
 */
public final class DataFileScanner {
  private DataFileScanner() {}

  public static List<DataFile> describe(Table table, List<String> locations) {
    MetricsConfig metricsConfig = MetricsConfig.forTable(table);
    PartitionSpec spec = table.spec();
    List<DataFile> files = new ArrayList<>(locations.size());
    for (String location : locations) {
      InputFile input = table.io().newInputFile(location);
      Metrics metrics = ParquetUtil.fileMetrics(input, metricsConfig);
      DataFiles.Builder builder =
          DataFiles.builder(spec)
              .withPath(location)
              .withFormat(FileFormat.PARQUET)
              .withFileSizeInBytes(input.getLength())
              .withMetrics(metrics);
      if (spec.isPartitioned()) {
        builder.withPartition(partitionOf(table.schema(), spec, location, metrics));
      }
      files.add(builder.build());
    }
    return files;
  }

  private static PartitionKey partitionOf(Schema schema, PartitionSpec spec, String location, Metrics metrics) {
    GenericRecord lower = GenericRecord.create(schema);
    GenericRecord upper = GenericRecord.create(schema);
    for (PartitionField field : spec.fields()) {
      Types.NestedField source = schema.findField(field.sourceId());
      long values = metrics.valueCounts().getOrDefault(source.fieldId(), 0L);
      long nulls = metrics.nullValueCounts().getOrDefault(source.fieldId(), 0L);
      if (values > 0 && nulls == values) {
        continue; // all null: the partition value is null
      }
      if (nulls > 0) {
        throw LagoaException.internal(
            null, "Cannot commit %s: column %s mixes nulls and values within one partition file", location, source.name());
      }
      var lowerBound = metrics.lowerBounds().get(source.fieldId());
      var upperBound = metrics.upperBounds().get(source.fieldId());
      if (lowerBound == null || upperBound == null) {
        throw LagoaException.internal(
            null, "Cannot commit %s: it has no statistics for partition column %s", location, source.name());
      }
      lower.setField(source.name(), Conversions.fromByteBuffer(source.type(), lowerBound));
      upper.setField(source.name(), Conversions.fromByteBuffer(source.type(), upperBound));
    }
    PartitionKey lowerKey = new PartitionKey(spec, schema);
    lowerKey.partition(lower);
    PartitionKey upperKey = new PartitionKey(spec, schema);
    upperKey.partition(upper);
    for (int i = 0; i < spec.fields().size(); i++) {
      if (!Objects.equals(lowerKey.get(i, Object.class), upperKey.get(i, Object.class))) {
        throw LagoaException.internal(
            null, "Cannot commit %s: its rows span more than one partition of %s", location, spec.fields().get(i).name());
      }
    }
    return lowerKey;
  }
}
