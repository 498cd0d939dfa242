package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

/**
 * How the pages of a JSON API are requested in json mode. The URL of page {@code n} is {@code url}
 * with {@code {page}} replaced by n and {@code {params}} by {@code params} (itself with {@code
 * {page}} replaced), encoded as {@code paramsEncoding} says. B3's API, for instance, takes
 * base64-encoded JSON in the path.
 *
 * @param totalPages a JSON pointer to the number of pages in the first response; empty requests
 *     pages until one has no rows
 */
public record WebApiOptions(
    String url, String params, ParamsEncoding paramsEncoding, int firstPage, String totalPages) {
  public static final WebApiOptions NONE = new WebApiOptions("", "", ParamsEncoding.PLAIN, 1, "");

  public WebApiOptions {
    requireNonNull(url, "url is null");
    requireNonNull(params, "params is null");
    requireNonNull(paramsEncoding, "paramsEncoding is null");
    requireNonNull(totalPages, "totalPages is null");
  }

  /** How {@code params} are written into the URL. */
  public enum ParamsEncoding {
    /** Percent-encoded as a URL component. */
    PLAIN,
    /** Base64 (standard alphabet, padded). */
    BASE64
  }
}
