package dev.lagoa.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a {@code type: postgres-cdc} source; every problem is reported with its path. */
final class PostgresCdcSourceReader {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private PostgresCdcSourceReader() {}

  static PostgresCdcSourceConfig read(Path directory, String name, ConfigNode node) {
    String url = node.string("url", "");
    if (!url.isBlank() && !url.startsWith("jdbc:postgresql://")) {
      problem(
          node,
          "url",
          "was '" + url + "' but it must be jdbc:postgresql://host:port/database or empty");
    }
    String user = node.string("user", "postgres");
    String password = node.string("password", "");
    String schema = identifier(node, "schema", node.string("schema", "public"));
    List<String> tables = node.stringList("tables");
    for (int i = 0; i < tables.size(); i++) {
      identifier(node, "tables[" + i + "]", tables.get(i));
    }
    String defaultName = "lagoa_" + name.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase();
    String slot = node.string("slot", defaultName);
    if (!slot.matches("[a-z0-9_]+")) {
      problem(node, "slot", "was '" + slot + "' but it must hold only a-z, 0-9 and _");
    }
    String publication = identifier(node, "publication", node.string("publication", defaultName));
    String namespace = node.requiredString("namespace");
    if (!namespace.isEmpty()
        && !namespace.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
      problem(node, "namespace", "was '" + namespace + "' but it must be a namespace name");
    }
    ConfigNode batchNode = node.child("batch");
    CdcBatchOptions batch =
        new CdcBatchOptions(
            batchNode.integer("interval_ms", CdcBatchOptions.DEFAULT.intervalMillis(), 1),
            batchNode.integer("max_changes", CdcBatchOptions.DEFAULT.maxChanges(), 1));
    batchNode.rejectUnknownKeys();
    Optional<String> changeLog = node.optionalString("change_log");
    changeLog.ifPresent(
        table -> TableName.check(node.problems(), node.path() + ".change_log", table));
    int buckets = node.integer("buckets", 8, 1);
    PostgresCdcSourceConfig.WithoutPrimaryKey withoutKey =
        node.enumValue(
            "without_primary_key",
            PostgresCdcSourceConfig.WithoutPrimaryKey.class,
            PostgresCdcSourceConfig.WithoutPrimaryKey.REFUSE);
    ConfigNode embedded = node.child("embedded");
    Path dataDirectory =
        directory.resolve(embedded.string("data_dir", ".lagoa/postgres/" + name)).normalize();
    embedded.rejectUnknownKeys();
    if (!url.isBlank() && embedded.has("data_dir")) {
      problem(node, "embedded", "is set but url names an external server");
    }
    return new PostgresCdcSourceConfig(
        name,
        url,
        user,
        password,
        schema,
        tables,
        slot,
        publication,
        namespace,
        batch,
        changeLog,
        buckets,
        withoutKey,
        dataDirectory);
  }

  private static String identifier(ConfigNode node, String key, String value) {
    if (!IDENTIFIER.matcher(value).matches()) {
      problem(node, key, "was '" + value + "' but it must be a PostgreSQL identifier");
    }
    return value;
  }

  private static void problem(ConfigNode node, String key, String message) {
    node.problems().add(node.path() + "." + key, message);
  }
}
