package dev.lagoa.core.config;

/** A source of data declared in {@code lagoa.yaml} under {@code sources}. */
public sealed interface SourceConfig
    permits FilesSourceConfig, WebSourceConfig, PostgresCdcSourceConfig {
  /** The name the source has in {@code lagoa.yaml}. */
  String name();
}
