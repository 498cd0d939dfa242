package dev.lagoa.ml.dataset;

import java.util.Locale;
import java.util.Optional;

/** The file formats the training rows can be exported in. */
public enum ExportFormat {
  CSV("text/csv"),
  PARQUET("application/vnd.apache.parquet");

  private final String contentType;

  ExportFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  public String extension() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ExportFormat> parse(String text) {
    for (ExportFormat format : values()) {
      if (format.name().equalsIgnoreCase(text)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
