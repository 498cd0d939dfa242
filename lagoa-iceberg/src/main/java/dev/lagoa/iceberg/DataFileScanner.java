package dev.lagoa.iceberg;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
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
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Turns Parquet files written by an engine into Iceberg data files: metrics from the footer (the
 * files carry Iceberg field ids) and the partition derived from the bounds of each partition source
 * column, which must agree for all rows of a file.
 */
public final class DataFileScanner {
  private DataFileScanner() {}

  /**
   * Describes the files in the given order; footers are read in parallel (a partitioned write makes
   * many).
   */
  public static List<DataFile> describe(Table table, List<String> locations) {
    MetricsConfig metricsConfig = MetricsConfig.forTable(table);
    PartitionSpec spec = table.spec();
    Schema schema = table.schema();
    return locations.parallelStream()
        .map(location -> describe(table, schema, spec, metricsConfig, location))
        .toList();
  }

  /**
   * Describes a file whose metrics the engine that wrote it reported (see {@code TableWriter}), so
   * its footer is not read again.
   */
  public static DataFile describe(Table table, String location, long sizeInBytes, Metrics metrics) {
    PartitionSpec spec = table.spec();
    DataFiles.Builder builder =
        DataFiles.builder(spec)
            .withPath(location)
            .withFormat(FileFormat.PARQUET)
            .withFileSizeInBytes(sizeInBytes)
            .withMetrics(metrics);
    if (spec.isPartitioned()) {
      builder.withPartition(partitionOf(table.schema(), spec, location, metrics));
    }
    return builder.build();
  }

  private static DataFile describe(
      Table table,
      Schema schema,
      PartitionSpec spec,
      MetricsConfig metricsConfig,
      String location) {
    InputFile input = table.io().newInputFile(location);
    Metrics metrics = metrics(input, location, metricsConfig);
    DataFiles.Builder builder =
        DataFiles.builder(spec)
            .withPath(location)
            .withFormat(FileFormat.PARQUET)
            .withFileSizeInBytes(input.getLength())
            .withMetrics(metrics);
    if (spec.isPartitioned()) {
      builder.withPartition(partitionOf(schema, spec, location, metrics));
    }
    return builder.build();
  }

  /**
   * Reads a file's footer statistics. Local files are read with Parquet's own local input, which
   * skips building a Hadoop configuration per file (about 7 ms each, serialized, and a partitioned
   * write makes hundreds of files); other locations go through the table's file IO.
   */
  private static Metrics metrics(InputFile input, String location, MetricsConfig metricsConfig) {
    if (location.contains("://")) {
      return ParquetUtil.fileMetrics(input, metricsConfig);
    }
    org.apache.parquet.io.InputFile file = new LocalInputFile(LocalFileIO.toPath(location));
    try (SeekableInputStream stream = file.newStream()) {
      ParquetMetadata footer =
          ParquetFileReader.readFooter(file, ParquetReadOptions.builder().build(), stream);
      return ParquetUtil.footerMetrics(footer, Stream.empty(), metricsConfig);
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot read the Parquet footer of %s: %s", location, e.getMessage());
    }
  }

  private static PartitionKey partitionOf(
      Schema schema, PartitionSpec spec, String location, Metrics metrics) {
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
            null,
            "Cannot commit %s: column %s mixes nulls and values within one partition file",
            location,
            source.name());
      }
      var lowerBound = metrics.lowerBounds().get(source.fieldId());
      var upperBound = metrics.upperBounds().get(source.fieldId());
      if (lowerBound == null || upperBound == null) {
        throw LagoaException.internal(
            null,
            "Cannot commit %s: it has no statistics for partition column %s",
            location,
            source.name());
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
            null,
            "Cannot commit %s: its rows span more than one partition of %s",
            location,
            spec.fields().get(i).name());
      }
    }
    return lowerKey;
  }
}
