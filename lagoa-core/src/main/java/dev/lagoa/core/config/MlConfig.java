package dev.lagoa.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code ml:} section of lagoa.yaml: the project's machine-learning models, by name. */
public record MlConfig(Map<String, MlModelConfig> models) {
  public static final MlConfig NONE = new MlConfig(Map.of());

  public MlConfig {
    models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
  }
}
