package dev.lagoa.ml.registry;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.CatalogConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;

/**
 * Where model files live: {@code <warehouse>/_ml/<model>/v<version>/} holds {@code model.tribuo}
 * (Tribuo's protobuf format), {@code model.onnx} when the model can be exported, and {@code
 * manifest.json} (the registry entry, for people and tools that read files).
 */
public final class ArtefactStore {
  public static final String DIRECTORY = "_ml";

  private final Path root;

  public ArtefactStore(CatalogConfig catalog) {
    String warehouse = catalog.warehouse();
    if (warehouse.startsWith("file:")) {
      warehouse = Path.of(java.net.URI.create(warehouse)).toString();
    } else if (warehouse.contains("://")) {
      throw LagoaException.userInput(
          "Cannot store models in warehouse %s: model artefacts need a local warehouse for now",
          warehouse);
    }
    this.root = Path.of(warehouse).resolve(DIRECTORY);
  }

  public Path directory(String model, int version) {
    return root.resolve(model).resolve("v" + version);
  }

  /** A file of the store as the manifest records it: relative to the warehouse. */
  public String relative(Path file) {
    return root.getParent().relativize(file).toString();
  }

  /** The file a manifest names (relative to the warehouse). */
  public Path resolve(String relative) {
    return root.getParent().resolve(relative);
  }

  /** Writes the model (and its ONNX export when it has one); returns the ONNX file or null. */
  public Path writeModel(String model, int version, Model<?> trained) {
    Path directory = directory(model, version);
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve("model.tribuo");
      Path temporary = directory.resolve("model.tribuo.tmp");
      trained.serializeToFile(temporary);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      if (trained instanceof ONNXExportable exportable) {
        Path onnx = directory.resolve("model.onnx");
        exportable.saveONNXModel("dev.lagoa.ml." + model, version, onnx);
        return onnx;
      }
      return null;
    } catch (IOException e) {
      throw LagoaException.external(
          e,
          "Cannot write model %s version %d to %s: %s",
          model,
          version,
          directory,
          e.getMessage());
    }
  }

  public void writeManifest(ModelVersion version) {
    Path file = directory(version.model(), version.version()).resolve("manifest.json");
    try {
      Files.writeString(
          file, ModelRegistry.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(version));
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot write %s: %s", file, e.getMessage());
    }
  }

  public Model<?> readModel(ModelVersion version) {
    Path file = resolve(version.artefact());
    try {
      return Model.deserializeFromFile(file);
    } catch (IOException | RuntimeException e) {
      throw LagoaException.external(
          e,
          "Cannot load model %s version %d from %s: %s",
          version.model(),
          version.version(),
          file,
          e.getMessage());
    }
  }
}
