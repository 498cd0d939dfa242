package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * One field extracted from every row of a web page.
 *
 * @param name the field's name in the landed rows
 * @param from where the value is read, tried in order until one matches: CSS selectors (html and
 *     browser modes; empty means the row element itself), one JSON pointer (json mode) or one
 *     column name (csv mode)
 * @param attribute the attribute read from a matched element; empty reads its text
 * @param regex applied to the raw value; group 1 if it has one, else the whole match; empty keeps
 *     the value
 * @param locale decides the grouping and decimal separators of numbers ("4.273.841,35" in pt-BR)
 * @param format the date pattern of {@link WebFieldType#DATE} values
 * @param required whether a page where this field matches nothing fails the run (the markup
 *     changed)
 */
public record WebField(
    String name,
    List<String> from,
    String attribute,
    String regex,
    WebFieldType type,
    Locale locale,
    String format,
    WebFieldScope scope,
    boolean required) {
  public WebField {
    requireNonNull(name, "name is null");
    from = List.copyOf(requireNonNull(from, "from is null"));
    requireNonNull(attribute, "attribute is null");
    requireNonNull(regex, "regex is null");
    requireNonNull(type, "type is null");
    requireNonNull(locale, "locale is null");
    requireNonNull(format, "format is null");
    requireNonNull(scope, "scope is null");
  }
}
