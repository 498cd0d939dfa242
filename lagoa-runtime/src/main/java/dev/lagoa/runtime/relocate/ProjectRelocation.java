package dev.lagoa.runtime.relocate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.CatalogConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Makes a copied or moved project read and write its own files. The Iceberg catalog stores absolute
 * locations — in its table rows, in each table's metadata file, manifest lists and manifests — so a
 * project copied with {@code cp -r} still points at the original's warehouse. {@link #check}
 * refuses such a project; {@link #relocate} rewrites, in the copy only, every location under the
 * old warehouse to the same place under the project's own, keeping snapshots, their ids and the
 * bookmarks in their summaries: history, time travel and incremental loads go on as before.
 *
 * <p>Only the current metadata file of each table is rewritten; older metadata files (listed in its
 * {@code metadata-log}) keep the old locations and are not read by Lagoa.
 */
public final class ProjectRelocation {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProjectRelocation() {}

  /**
   * Fails, naming both places, when a table of a local warehouse lives outside it.
   *
   * @throws LagoaException of category USER_INPUT
   */
  public static void check(CatalogConfig catalog, Path projectDirectory) {
    if (!isLocal(catalog)) {
      return;
    }
    for (CatalogEntries.Entry entry : CatalogEntries.read(catalog)) {
      String location = path(entry.metadataLocation());
      if (!isUnder(location, catalog.warehouse())) {
        throw LagoaException.userInput(
            "Cannot open project %s: its catalog's table %s lives in %s, not in this project's"
                + " warehouse %s; the project was copied or moved, and would read and write the"
                + " original's files. Run `lagoa relocate -p %s` to make this copy use its own"
                + " files (the original is not touched)",
            projectDirectory,
            entry.qualifiedName(),
            oldWarehouse(entry),
            catalog.warehouse(),
            projectDirectory);
      }
    }
  }

  /**
   * Rewrites the locations of every table that lives outside the project's warehouse.
   *
   * @return the tables relocated, as {@code namespace.name: old → new}
   */
  public static List<String> relocate(CatalogConfig catalog) {
    if (!isLocal(catalog)) {
      throw LagoaException.userInput(
          "Cannot relocate: warehouse %s is not a local directory", catalog.warehouse());
    }
    List<String> moved = new ArrayList<>();
    for (CatalogEntries.Entry entry : CatalogEntries.read(catalog)) {
      String location = path(entry.metadataLocation());
      if (isUnder(location, catalog.warehouse())) {
        continue;
      }
      String from = oldWarehouse(entry);
      Locations locations = new Locations(from, catalog.warehouse());
      Path metadata = Path.of(locations.rewrite(location));
      if (!Files.isRegularFile(metadata)) {
        throw LagoaException.userInput(
            "Cannot relocate table %s: its metadata file %s is not in this project (was the"
                + " warehouse folder copied?)",
            entry.qualifiedName(), metadata);
      }
      rewriteTable(metadata, locations, new HashMap<>());
      CatalogEntries.update(catalog, entry, metadata.toString());
      moved.add(entry.qualifiedName() + ": " + from + " -> " + catalog.warehouse());
    }
    return moved;
  }

  /**
   * @param rewritten manifests already rewritten (shared by several snapshots' lists), with their
   *     new sizes
   */
  private static void rewriteTable(Path metadata, Locations locations, Map<Path, Long> rewritten) {
    try {
      JsonNode document = locations.rewrite(JSON.readTree(metadata.toFile()));
      for (JsonNode snapshot : document.path("snapshots")) {
        Path manifestList = Path.of(path(snapshot.path("manifest-list").asText()));
        rewriteManifestList(manifestList, locations, rewritten);
      }
      Path temporary = metadata.resolveSibling("." + metadata.getFileName() + ".relocating");
      JSON.writeValue(temporary.toFile(), document);
      Files.move(temporary, metadata, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot relocate %s: %s", metadata, e.getMessage());
    }
  }

  private static void rewriteManifestList(
      Path manifestList, Locations locations, Map<Path, Long> rewritten) throws IOException {
    rewriteAvro(
        manifestList,
        record -> {
          locations.rewrite(record);
          Object manifest = record.get("manifest_path");
          if (manifest != null) {
            Path path = Path.of(path(manifest.toString()));
            try {
              if (!rewritten.containsKey(path)) {
                rewriteAvro(path, locations::rewrite);
                rewritten.put(path, Files.size(path));
              }
              record.put("manifest_length", rewritten.get(path));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        });
  }

  private interface RecordRewrite {
    void apply(GenericRecord record);
  }

  private static void rewriteAvro(Path file, RecordRewrite rewrite) throws IOException {
    Path temporary = file.resolveSibling("." + file.getFileName() + ".relocating");
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      try (DataFileWriter<GenericRecord> writer =
          new DataFileWriter<>(new GenericDatumWriter<>(reader.getSchema()))) {
        for (String key : reader.getMetaKeys()) {
          if (!key.startsWith("avro.")) {
            writer.setMeta(key, reader.getMeta(key));
          }
        }
        String codec = reader.getMetaString("avro.codec");
        if (codec != null) {
          writer.setCodec(CodecFactory.fromString(codec));
        }
        writer.create(reader.getSchema(), temporary.toFile());
        for (GenericRecord record : reader) {
          rewrite.apply(record);
          writer.append(record);
        }
      }
    }
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Replaces the old warehouse prefix with the new one in every string. */
  private record Locations(String from, String to) {
    String rewrite(String value) {
      String plain = path(value);
      if (!isUnder(plain, from)) {
        return value;
      }
      String rewritten = to + plain.substring(from.length());
      return value.startsWith("file:") ? "file:" + rewritten : rewritten;
    }

    JsonNode rewrite(JsonNode node) {
      if (node.isTextual()) {
        return TextNode.valueOf(rewrite(node.textValue()));
      }
      if (node instanceof ObjectNode object) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        fields.forEachRemaining(entries::add);
        for (Map.Entry<String, JsonNode> field : entries) {
          object.set(field.getKey(), rewrite(field.getValue()));
        }
      } else if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          array.set(i, rewrite(array.get(i)));
        }
      }
      return node;
    }

    void rewrite(GenericRecord record) {
      for (org.apache.avro.Schema.Field field : record.getSchema().getFields()) {
        record.put(field.pos(), rewriteValue(record.get(field.pos())));
      }
    }

    @SuppressWarnings("unchecked")
    private Object rewriteValue(Object value) {
      if (value instanceof CharSequence text) {
        String rewritten = rewrite(text.toString());
        return rewritten.equals(text.toString()) ? value : rewritten;
      }
      if (value instanceof GenericRecord record) {
        rewrite(record);
      } else if (value instanceof List<?> list) {
        List<Object> items = (List<Object>) list;
        for (int i = 0; i < items.size(); i++) {
          items.set(i, rewriteValue(items.get(i)));
        }
      } else if (value instanceof Map<?, ?> map) {
        Map<Object, Object> copy = new HashMap<>();
        map.forEach((key, item) -> copy.put(key, rewriteValue(item)));
        return copy;
      } else if (value instanceof ByteBuffer) {
        return value; // bounds and keys: binary values, never locations
      }
      return value;
    }
  }

  private static boolean isLocal(CatalogConfig catalog) {
    return !catalog.warehouse().contains("://");
  }

  /** The warehouse a table lives in: its location without {@code /<namespace>/<name>}. */
  private static String oldWarehouse(CatalogEntries.Entry entry) {
    String location = path(entry.metadataLocation());
    int metadata = location.lastIndexOf("/metadata/");
    String table = metadata < 0 ? location : location.substring(0, metadata);
    String suffix = "/" + entry.namespace().replace('.', '/') + "/" + entry.name();
    return table.endsWith(suffix) ? table.substring(0, table.length() - suffix.length()) : table;
  }

  private static boolean isUnder(String location, String directory) {
    String root = directory.endsWith("/") ? directory : directory + "/";
    return location.startsWith(root);
  }

  private static String path(String location) {
    if (location.startsWith("file://")) {
      return location.substring("file://".length());
    }
    return location.startsWith("file:") ? location.substring("file:".length()) : location;
  }
}
