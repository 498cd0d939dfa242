package dev.lagoa.scrape.extract;

import dev.lagoa.core.config.SourceField;
import dev.lagoa.core.config.SourceFieldScope;
import dev.lagoa.core.config.WebCsvOptions;
import dev.lagoa.core.config.WebExtractRule;
import dev.lagoa.core.fields.FieldConverter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An extract rule reading a delimited download: title lines (which page fields read), a header
 * naming the columns, rows, and footer lines of totals. Trailing delimiters, as in B3's files,
 * leave an empty last column that is ignored. Quoted values may hold the delimiter but not line
 * breaks.
 */
final class CsvRule {
  private final WebExtractRule rule;
  private final WebCsvOptions options;
  private final Pattern pages;
  private final List<FieldConverter> fields = new ArrayList<>();

  CsvRule(WebExtractRule rule, WebCsvOptions options) {
    this.rule = rule;
    this.options = options;
    this.pages = Pattern.compile(rule.pages());
    rule.fields().forEach(field -> fields.add(new FieldConverter(field)));
  }

  boolean appliesTo(URI url) {
    return pages.matcher(url.toString()).find();
  }

  List<Map<String, Object>> rows(String text, URI url) {
    List<String> lines = List.of(text.split("\r\n|\n|\r", -1));
    int skip = Math.min(options.csv().skipLines(), lines.size());
    String preamble = String.join("\n", lines.subList(0, skip));
    List<String> body =
        lines.subList(skip, lines.size()).stream().filter(line -> !line.isBlank()).toList();
    if (body.isEmpty()) {
      throw PageChanged.because(
          "Cannot extract rows from %s: there is no header line after %d title lines", url, skip);
    }
    List<String> header = trimTrailingEmpty(split(body.get(0)));
    int end = Math.max(1, body.size() - options.footerLines());
    List<String> data = body.subList(1, end);
    if (data.size() < rule.minRows()) {
      throw PageChanged.because(
          "Cannot extract rows from %s: %d rows below the header, expected at least %d",
          url, data.size(), rule.minRows());
    }
    Map<String, Object> pageValues = new LinkedHashMap<>();
    int[] columns = new int[fields.size()];
    for (int f = 0; f < fields.size(); f++) {
      SourceField field = fields.get(f).field();
      if (field.scope() == SourceFieldScope.PAGE) {
        pageValues.put(field.name(), value(fields.get(f), preamble, url, "the title lines"));
      } else {
        columns[f] = column(header, field, url);
      }
    }
    List<Map<String, Object>> result = new ArrayList<>(data.size());
    for (int line = 0; line < data.size(); line++) {
      List<String> cells = split(data.get(line));
      Map<String, Object> row = new LinkedHashMap<>();
      for (int f = 0; f < fields.size(); f++) {
        FieldConverter converter = fields.get(f);
        SourceField field = converter.field();
        if (field.scope() == SourceFieldScope.PAGE) {
          row.put(field.name(), pageValues.get(field.name()));
        } else {
          int column = columns[f];
          String cell = column >= 0 && column < cells.size() ? cells.get(column) : "";
          String where = "line " + (skip + line + 2) + ", column '" + field.from().get(0) + "'";
          row.put(field.name(), column < 0 ? null : value(converter, cell, url, where));
        }
      }
      result.add(row);
    }
    return result;
  }

  private static int column(List<String> header, SourceField field, URI url) {
    String name = field.from().get(0);
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).strip().equals(name)) {
        return i;
      }
    }
    if (field.required()) {
      throw PageChanged.because(
          "Cannot extract field %s from %s: column '%s' is not in the header %s",
          field.name(), url, name, header);
    }
    return -1;
  }

  private static Object value(FieldConverter converter, String raw, URI url, String where) {
    SourceField field = converter.field();
    Optional<Object> value;
    try {
      value = converter.convert(raw);
    } catch (FieldConverter.ConversionException e) {
      throw PageChanged.because(
          "Cannot extract field %s from %s: %s (%s)", field.name(), url, e.getMessage(), where);
    }
    if (value.isEmpty() && field.required()) {
      throw PageChanged.because(
          "Cannot extract field %s from %s: %s holds no value%s",
          field.name(), url, where, converter.regexDescription());
    }
    return value.orElse(null);
  }

  private List<String> split(String line) {
    char delimiter = options.csv().delimiter();
    char quote = options.csv().quote();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
          cell.append(quote);
          i++;
        } else if (c == quote) {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == quote && cell.length() == 0) {
        quoted = true;
      } else if (c == delimiter) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  private static List<String> trimTrailingEmpty(List<String> cells) {
    int end = cells.size();
    while (end > 0 && cells.get(end - 1).isBlank()) {
      end--;
    }
    return cells.subList(0, end);
  }
}
