package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * One field of a source's rows, in the vocabulary web sources and {@code files} sources share:
 * where the value is, a regex, a type with its locale or date format, and whether it is required.
 *
 * @param name the field's name in the landed rows
 * @param from where the value is read, tried in order until one matches: CSS selectors (html and
 *     browser modes; empty means the row element itself), one JSON pointer (json mode, and JSON or
 *     Parquet records of a files source) or one column name (csv mode, and CSV columns or top-level
 *     keys of a files source); empty for page and file fields
 * @param attribute the attribute read from a matched element; empty reads its text
 * @param regex applied to the raw value; group 1 if it has one, else the whole match; empty keeps
 *     the value
 * @param locale decides the grouping and decimal separators of numbers ("4.273.841,35" in pt-BR)
 * @param format the date pattern of {@link SourceFieldType#DATE} values
 * @param scope where the field is looked up: each row, the page (a CSV file's title lines) or the
 *     landing file's name
 * @param required whether a page where this field matches nothing fails the run (the markup
 *     changed); in a files source, whether a record without it is quarantined
 * @param collapseWhitespace whether runs of whitespace (line breaks, non-breaking spaces) inside
 *     the value become one space; values are always trimmed
 */
public record SourceField(
    String name,
    List<String> from,
    String attribute,
    String regex,
    SourceFieldType type,
    Locale locale,
    String format,
    SourceFieldScope scope,
    boolean required,
    boolean collapseWhitespace)
    implements java.io.Serializable {
  public SourceField {
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
