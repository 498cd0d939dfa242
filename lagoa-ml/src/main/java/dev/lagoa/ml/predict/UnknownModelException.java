package dev.lagoa.ml.predict;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;

/** A model or version that does not exist (or has never been trained): HTTP 404. */
public final class UnknownModelException extends LagoaException {
  public UnknownModelException(String message) {
    super(ErrorCategory.USER_INPUT, message);
  }
}
