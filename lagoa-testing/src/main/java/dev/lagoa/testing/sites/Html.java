package dev.lagoa.testing.sites;

/**
 * Writing HTML by code: escaping text and attributes, and relative links as real sites write them.
 */
final class Html {
  private Html() {}

  static String escape(String text) {
    StringBuilder result = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> result.append("&amp;");
        case '<' -> result.append("&lt;");
        case '>' -> result.append("&gt;");
        case '"' -> result.append("&quot;");
        case '\'' -> result.append("&#39;");
        default -> result.append(c);
      }
    }
    return result.toString();
  }

  /**
   * The link from the page at {@code fromPath} to {@code toPath}, both absolute paths, written
   * relative ({@code ../../poetry_23/index.html}) the way books.toscrape.com writes its links, so a
   * crawler has to resolve them.
   */
  static String relative(String fromPath, String toPath) {
    String[] from = fromPath.substring(1).split("/", -1);
    String[] to = toPath.substring(1).split("/", -1);
    int common = 0;
    while (common < from.length - 1 && common < to.length - 1 && from[common].equals(to[common])) {
      common++;
    }
    StringBuilder link = new StringBuilder();
    for (int i = common; i < from.length - 1; i++) {
      link.append("../");
    }
    for (int i = common; i < to.length; i++) {
      link.append(to[i]);
      if (i < to.length - 1) {
        link.append('/');
      }
    }
    return link.toString();
  }
}
