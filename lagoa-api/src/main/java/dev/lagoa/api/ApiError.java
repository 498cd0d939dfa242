package dev.lagoa.api;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * An error answered to an API client as JSON: {@code {"error":"bad_parameter",
 * "parameter":"price_min","message":"price_min was 'abc' but it must be a number"}}.
 *
 * @param parameter the query parameter or body field at fault, or "" for none
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final String parameter;
  private final Map<String, String> headers;

  public ApiError(int status, String code, String parameter, String message) {
    this(status, code, parameter, message, Map.of());
  }

  public ApiError(
      int status, String code, String parameter, String message, Map<String, String> headers) {
    super(requireNonNull(message, "message is null"));
    this.status = status;
    this.code = requireNonNull(code, "code is null");
    this.parameter = requireNonNull(parameter, "parameter is null");
    this.headers = Map.copyOf(headers);
  }

  public static ApiError badParameter(String parameter, String message) {
    return new ApiError(400, "bad_parameter", parameter, message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(
        401, "unauthorized", "", message, Map.of("WWW-Authenticate", "Bearer realm=\"lagoa\""));
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", "", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", "", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String parameter() {
    return parameter;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
