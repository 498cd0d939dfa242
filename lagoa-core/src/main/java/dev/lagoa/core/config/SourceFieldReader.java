package dev.lagoa.core.config;

import java.time.format.DateTimeFormatter;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the settings every source's fields share — {@code regex}, {@code type}, {@code locale},
 * {@code format}, {@code required}, {@code collapse_whitespace} — so a web source's field and a
 * {@code files} source's field are written, checked and converted the same way. Where the value is
 * ({@code selector}, {@code path}, {@code column}, {@code scope}) depends on the source and is read
 * by the caller.
 */
final class SourceFieldReader {
  private SourceFieldReader() {}

  static SourceField read(
      String name, ConfigNode field, List<String> from, String attribute, SourceFieldScope scope) {
    String regex = regex(field, "regex");
    SourceFieldType type = field.enumValue("type", SourceFieldType.class, SourceFieldType.AUTO);
    Locale locale = locale(field);
    String format = field.string("format", "yyyy-MM-dd");
    if (field.has("format") && type != SourceFieldType.DATE) {
      field.problems().add(field.path() + ".format", "is only used with type date");
    }
    try {
      DateTimeFormatter.ofPattern(format, Locale.ROOT);
    } catch (IllegalArgumentException e) {
      field
          .problems()
          .add(
              field.path() + ".format",
              "was '" + format + "' but it is not a date pattern: " + e.getMessage());
    }
    boolean required = field.bool("required", true);
    boolean collapse = field.bool("collapse_whitespace", false);
    field.rejectUnknownKeys();
    return new SourceField(
        name, from, attribute, regex, type, locale, format, scope, required, collapse);
  }

  static String regex(ConfigNode node, String key) {
    String value = node.string(key, "");
    try {
      Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      node.problems()
          .add(
              node.path() + "." + key,
              "was '" + value + "' but it is not a regular expression: " + e.getDescription());
      return "";
    }
    return value;
  }

  static Locale locale(ConfigNode field) {
    String tag = field.string("locale", "en");
    try {
      Locale locale = new Locale.Builder().setLanguageTag(tag).build();
      if (!locale.getLanguage().isEmpty()) {
        return locale;
      }
    } catch (IllformedLocaleException e) {
      // reported below, with the value
    }
    field
        .problems()
        .add(
            field.path() + ".locale",
            "was '" + tag + "' but it must be a language tag such as en or pt-BR");
    return Locale.ENGLISH;
  }
}
