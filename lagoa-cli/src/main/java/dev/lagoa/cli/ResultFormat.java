package dev.lagoa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.runtime.QueryResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** How {@code lagoa sql} prints a result. */
enum ResultFormat {
  table {
    @Override
    void print(PrintWriter out, QueryResult result) {
      int[] widths = new int[result.columns().size()];
      for (int i = 0; i < widths.length; i++) {
        widths[i] = result.columns().get(i).length();
        for (List<String> row : result.rows()) {
          widths[i] = Math.max(widths[i], Math.min(60, display(row.get(i)).length()));
        }
      }
      line(out, result.columns(), widths);
      List<String> rule = new ArrayList<>();
      for (int width : widths) {
        rule.add("-".repeat(width));
      }
      line(out, rule, widths);
      for (List<String> row : result.rows()) {
        line(out, row.stream().map(ResultFormat::display).toList(), widths);
      }
      int shown = result.rows().size();
      out.printf(
          "(%,d row%s%s)%n",
          shown,
          shown == 1 ? "" : "s",
          result.truncated() ? " shown; the query returned more" : "");
    }

    private void line(PrintWriter out, List<String> values, int[] widths) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < values.size(); i++) {
        String value = values.get(i);
        if (value.length() > widths[i]) {
          value = value.substring(0, widths[i] - 1) + "…";
        }
        text.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", value));
      }
      out.println(text.toString().stripTrailing());
    }
  },
  csv {
    @Override
    void print(PrintWriter out, QueryResult result) {
      out.println(String.join(",", result.columns().stream().map(ResultFormat::csvField).toList()));
      for (List<String> row : result.rows()) {
        out.println(
            String.join(
                ",", row.stream().map(value -> value == null ? "" : csvField(value)).toList()));
      }
    }
  },
  json {
    @Override
    void print(PrintWriter out, QueryResult result) {
      ObjectMapper mapper = new ObjectMapper();
      ArrayNode rows = mapper.createArrayNode();
      for (List<String> row : result.rows()) {
        ObjectNode object = rows.addObject();
        for (int i = 0; i < row.size(); i++) {
          object.put(result.columns().get(i), row.get(i));
        }
      }
      out.println(rows.toPrettyString());
    }
  };

  abstract void print(PrintWriter out, QueryResult result);

  private static String display(String value) {
    return value == null ? "NULL" : value.replace('\n', ' ');
  }

  private static String csvField(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
