package dev.lagoa.ml.spec;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;

/** A prediction input the model cannot use: the HTTP layer answers 400 naming {@link #field()}. */
public final class InvalidFeatureException extends LagoaException {
  private final String field;

  public InvalidFeatureException(String field, String message) {
    super(ErrorCategory.USER_INPUT, message);
    this.field = field;
  }

  /** The feature (request field) at fault. */
  public String field() {
    return field;
  }
}
