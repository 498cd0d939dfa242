package dev.lagoa.ingest;

/** Quarantine reasons as text any reader can print and store. */
final class Reasons {
  private Reasons() {}

  /**
   * The reason with unpaired UTF-16 surrogates and NUL characters replaced, at most 2,000 chars.
   */
  static String printable(String reason) {
    StringBuilder out = new StringBuilder(Math.min(reason.length(), 2000));
    for (int i = 0; i < reason.length() && out.length() < 2000; i++) {
      char c = reason.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < reason.length()
          && Character.isLowSurrogate(reason.charAt(i + 1))) {
        out.append(c).append(reason.charAt(++i));
      } else if (Character.isSurrogate(c) || c == 0) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
