package dev.lagoa.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.core.LagoaException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart as the page's script draws it with ECharts: the JSON of a {@code data-chart} attribute
 * ({@code type} bar or line, axis names, x labels, y values).
 */
public final class Charts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Charts() {}

  public static String of(String type, String xName, String yName, List<?> x, List<?> y) {
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("type", type);
    chart.put("xName", xName);
    chart.put("yName", yName);
    chart.put("x", x);
    chart.put("y", y);
    try {
      return JSON.writeValueAsString(chart);
    } catch (JsonProcessingException e) {
      throw LagoaException.internal(e, "Cannot write a chart as JSON: %s", e.getMessage());
    }
  }
}
