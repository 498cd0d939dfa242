package dev.lagoa.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code type: web} source. Settings that only make sense in another fetch mode are
 * reported rather than ignored, so a json source with a CSS selector does not fail later, page
 * after page.
 */
final class WebSourceReader {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");
  private static final Pattern FILE_PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  private final ConfigNode node;
  private final WebFetchMode mode;
  private boolean scriptRule; // while reading the fields of a rule with a script: they have paths

  private WebSourceReader(ConfigNode node, WebFetchMode mode) {
    this.node = node;
    this.mode = mode;
  }

  static WebSourceConfig read(Path directory, String name, ConfigNode node) {
    WebFetchMode mode = node.enumValue("mode", WebFetchMode.class, WebFetchMode.HTML);
    return new WebSourceReader(node, mode).source(directory, name);
  }

  private WebSourceConfig source(Path directory, String name) {
    List<URI> startUrls = startUrls();
    String landingValue = node.requiredString("landing");
    Path landing = directory.resolve(landingValue).normalize();
    String filePrefix = node.string("file_prefix", name);
    if (!FILE_PREFIX.matcher(filePrefix).matches()) {
      problem(
          "file_prefix", "was '" + filePrefix + "' but it must hold only letters, digits, _ and -");
    }
    WebCrawlOptions crawl = crawl(node.child("crawl"));
    boolean pagesAreHtml = mode == WebFetchMode.HTML || mode == WebFetchMode.BROWSER;
    List<WebLinkRule> follow = node.list("follow", this::linkRule);
    follow = usedIn("follow", pagesAreHtml) ? follow : List.of();
    List<WebExtractRule> extract = node.list("extract", this::extractRule);
    if (extract.isEmpty()) {
      problem("extract", "is missing but a web source needs at least one rule");
    }
    List<String> dedupeKey = node.stringList("dedupe_key");
    checkDedupeKey(dedupeKey, extract);
    WebBrowserOptions browser = browser(node.child("browser"));
    browser = usedIn("browser", mode == WebFetchMode.BROWSER) ? browser : WebBrowserOptions.DEFAULT;
    WebApiOptions api = mode == WebFetchMode.JSON ? api(node.child("api")) : WebApiOptions.NONE;
    usedIn("api", mode == WebFetchMode.JSON);
    WebCsvOptions csv = csv(node.child("csv"));
    csv = usedIn("csv", mode == WebFetchMode.CSV) ? csv : WebCsvOptions.DEFAULT;
    WebOutputOptions output = WebOutputOptions.read(node.child("output"));
    return new WebSourceConfig(
        name,
        mode,
        startUrls,
        landing,
        filePrefix,
        crawl,
        follow,
        extract,
        dedupeKey,
        browser,
        api,
        csv,
        output);
  }

  private List<URI> startUrls() {
    List<String> values = node.stringList("start_urls");
    if (mode == WebFetchMode.JSON) {
      if (!values.isEmpty()) {
        problem("start_urls", "is not used in json mode: the first page comes from api.url");
      }
      return List.of();
    }
    if (values.isEmpty()) {
      problem("start_urls", "is missing but it must list at least one URL");
    }
    List<URI> urls = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      httpUrl("start_urls[" + i + "]", values.get(i)).ifPresent(urls::add);
    }
    return urls;
  }

  private Optional<URI> httpUrl(String key, String value) {
    try {
      URI uri = new URI(value);
      if (uri.isAbsolute()
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below, with the value
    }
    problem(key, "was '" + value + "' but it must be an absolute http or https URL");
    return Optional.empty();
  }

  private WebCrawlOptions crawl(ConfigNode crawl) {
    WebCrawlOptions defaults = WebCrawlOptions.DEFAULT;
    WebCrawlOptions options =
        new WebCrawlOptions(
            crawl.integer("max_pages", defaults.maxPages(), 1),
            crawl.integer("concurrency", defaults.concurrency(), 1),
            nonNegativeNumber(crawl, "requests_per_second", defaults.requestsPerSecond()),
            crawl.bool("robots_txt", defaults.respectRobotsTxt()),
            crawl.integer("retries", defaults.retries(), 0),
            duration(crawl, "backoff", defaults.backoff()),
            duration(crawl, "timeout", defaults.timeout()),
            crawl.string("user_agent", defaults.userAgent()),
            errorBudget(crawl, defaults.maxErrors()));
    if (options.userAgent().isBlank()) {
      crawl
          .problems()
          .add(crawl.path() + ".user_agent", "is empty but sites need to know who is crawling");
    }
    crawl.rejectUnknownKeys();
    return options;
  }

  private WebLinkRule linkRule(ConfigNode rule) {
    WebLinkRule link =
        new WebLinkRule(
            rule.string("selector", "a[href]"),
            regex(rule, "pattern"),
            regex(rule, "pages"),
            rule.bool("required", false));
    rule.rejectUnknownKeys();
    return link;
  }

  private WebExtractRule extractRule(ConfigNode rule) {
    if (rule.has("first_of")) {
      return alternatives(rule);
    }
    String pages = regex(rule, "pages");
    String extractor = rule.string("extractor", "");
    Map<String, String> options = rule.stringMap("options");
    String script = rule.string("script", "");
    String rows = rule.string("rows", "");
    boolean pagesAreHtml = mode == WebFetchMode.HTML || mode == WebFetchMode.BROWSER;
    if (!script.isEmpty() && !pagesAreHtml) {
      rule.problems()
          .add(
              rule.path() + ".script",
              "is only used in html and browser modes (in " + modeName() + " mode use rows)");
    }
    if (!script.isEmpty() && !extractor.isEmpty()) {
      rule.problems()
          .add(rule.path(), "must declare either script (with fields) or an extractor, not both");
    }
    if (!extractor.isEmpty()) {
      if (!pagesAreHtml) {
        rule.problems().add(rule.path() + ".extractor", "is only used in html and browser modes");
      }
      if (rule.has("fields") || rule.has("rows")) {
        rule.problems()
            .add(rule.path(), "must declare either fields (with rows) or an extractor, not both");
      }
    } else if (!options.isEmpty()) {
      rule.problems().add(rule.path() + ".options", "is only used with an extractor");
    }
    if (mode == WebFetchMode.CSV && !rows.isEmpty()) {
      rule.problems()
          .add(
              rule.path() + ".rows",
              "is not used in csv mode: every line below the header is a row");
    }
    boolean readsJson = mode == WebFetchMode.JSON || !script.isEmpty();
    if (readsJson) {
      jsonPointer(rule, "rows", rows);
    }
    boolean outer = scriptRule;
    scriptRule = !script.isEmpty();
    List<SourceField> fields;
    try {
      fields = new ArrayList<>(rule.namedChildren("fields", this::field).values());
    } finally {
      scriptRule = outer;
    }
    if (extractor.isEmpty() && fields.isEmpty()) {
      rule.problems()
          .add(
              rule.path() + ".fields",
              "is missing but a rule without an extractor must declare fields");
    }
    WebExtractRule result =
        new WebExtractRule(
            pages,
            rows,
            fields,
            rule.integer("min_rows", 1, 0),
            extractor,
            options,
            script,
            List.of());
    rule.rejectUnknownKeys();
    return result;
  }

  /** {@code first_of: [rule, rule, ...]}: the first rule that yields rows on a page wins. */
  private WebExtractRule alternatives(ConfigNode rule) {
    String pages = regex(rule, "pages");
    List<WebExtractRule> alternatives = rule.list("first_of", this::extractRule);
    if (alternatives.size() < 2) {
      rule.problems()
          .add(rule.path() + ".first_of", "must list at least two rules, tried in order");
    }
    if (alternatives.stream().anyMatch(WebExtractRule::hasAlternatives)) {
      rule.problems().add(rule.path() + ".first_of", "must not hold another first_of");
    }
    rule.rejectUnknownKeys();
    return new WebExtractRule(pages, "", List.of(), 1, "", Map.of(), "", alternatives);
  }

  private SourceField field(String name, ConfigNode field) {
    SourceFieldScope scope = field.enumValue("scope", SourceFieldScope.class, SourceFieldScope.ROW);
    if (scope == SourceFieldScope.FILE) {
      field
          .problems()
          .add(field.path() + ".scope", "was 'file' but only files sources read the file's name");
      scope = SourceFieldScope.ROW;
    }
    List<String> from = locators(field, scope);
    String attribute = field.string("attribute", "");
    if (!attribute.isEmpty()
        && (scriptRule || (mode != WebFetchMode.HTML && mode != WebFetchMode.BROWSER))) {
      field
          .problems()
          .add(
              field.path() + ".attribute",
              "is only used with selectors, in html and browser modes");
    }
    return SourceFieldReader.read(name, field, from, attribute, scope);
  }

  /** The keys naming where a field's value is: selector, path or column, by mode. */
  private List<String> locators(ConfigNode field, SourceFieldScope scope) {
    String key =
        scriptRule
            ? "path"
            : switch (mode) {
              case HTML, BROWSER -> "selector";
              case JSON -> "path";
              case CSV -> "column";
            };
    for (String other : List.of("selector", "path", "column")) {
      if (!other.equals(key) && field.has(other)) {
        field
            .problems()
            .add(
                field.path() + "." + other,
                "is not used in "
                    + (scriptRule ? "a rule with a script" : modeName() + " mode")
                    + " (use "
                    + key
                    + ")");
        field.stringList(other);
      }
    }
    List<String> from =
        key.equals("selector")
            ? field.stringList(key)
            : field.optionalString(key).map(List::of).orElse(List.of());
    if (mode == WebFetchMode.JSON || scriptRule) {
      from.forEach(pointer -> jsonPointer(field, "path", pointer));
      if (from.isEmpty()) {
        field.problems().add(field.path() + ".path", "is missing but it is required");
      }
    }
    if (mode == WebFetchMode.CSV && scope == SourceFieldScope.ROW && from.isEmpty()) {
      field.problems().add(field.path() + ".column", "is missing but a row field needs it");
    }
    if (mode == WebFetchMode.CSV && scope == SourceFieldScope.PAGE && !from.isEmpty()) {
      field
          .problems()
          .add(field.path() + ".column", "is not used for page fields: they read the title lines");
    }
    if ((mode == WebFetchMode.HTML || mode == WebFetchMode.BROWSER)
        && !scriptRule
        && scope == SourceFieldScope.PAGE
        && from.isEmpty()) {
      field.problems().add(field.path() + ".selector", "is missing but a page field needs it");
    }
    return from;
  }

  private static void jsonPointer(ConfigNode node, String key, String pointer) {
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      node.problems()
          .add(
              node.path() + "." + key,
              "was '" + pointer + "' but it must be a JSON pointer such as /results");
    }
  }

  private void checkDedupeKey(List<String> dedupeKey, List<WebExtractRule> extract) {
    if (extract.stream().anyMatch(WebExtractRule::usesExtractor)) {
      return; // extractors name their own fields
    }
    if (extract.stream()
        .flatMap(rule -> rule.alternatives().stream())
        .anyMatch(WebExtractRule::usesExtractor)) {
      return;
    }
    Set<String> declared = new HashSet<>();
    extract.forEach(rule -> rule.fields().forEach(field -> declared.add(field.name())));
    extract.forEach(
        rule ->
            rule.alternatives()
                .forEach(
                    alternative ->
                        alternative.fields().forEach(field -> declared.add(field.name()))));
    for (String key : dedupeKey) {
      if (!declared.contains(key)) {
        problem("dedupe_key", "names '" + key + "' but no extract rule declares that field");
      }
    }
  }

  private WebBrowserOptions browser(ConfigNode browser) {
    WebBrowserOptions defaults = WebBrowserOptions.DEFAULT;
    WebBrowserOptions options =
        new WebBrowserOptions(
            Path.of(browser.string("executable", defaults.executable().toString())),
            browser.string("wait_for", ""),
            browser.string("load_more", ""),
            browser.string("items", ""),
            browser.integer("max_load_more", defaults.maxLoadMore(), 0));
    browser.rejectUnknownKeys();
    return options;
  }

  private WebApiOptions api(ConfigNode api) {
    String url = api.requiredString("url");
    String params = api.string("params", "");
    if (!url.isEmpty()) {
      String sample = url.replace("{page}", "1").replace("{params}", "p");
      httpUrl("api.url", sample);
      if (!params.isEmpty() && !url.contains("{params}")) {
        api.problems()
            .add(
                api.path() + ".url",
                "was '" + url + "' but it must contain {params} where the params go");
      }
    }
    String totalPages = api.string("total_pages", "");
    jsonPointer(api, "total_pages", totalPages);
    WebApiOptions options =
        new WebApiOptions(
            url,
            params,
            api.enumValue(
                "params_encoding",
                WebApiOptions.ParamsEncoding.class,
                WebApiOptions.ParamsEncoding.PLAIN),
            api.integer("first_page", 1, 0),
            totalPages);
    api.rejectUnknownKeys();
    return options;
  }

  private WebCsvOptions csv(ConfigNode csv) {
    WebCsvOptions result =
        new WebCsvOptions(
            CsvOptions.read(csv), csv.integer("footer_lines", 0, 0), csv.bool("base64", false));
    csv.rejectUnknownKeys();
    return result;
  }

  private static String regex(ConfigNode node, String key) {
    return SourceFieldReader.regex(node, key);
  }

  /**
   * {@code max_errors}: a count of pages ({@code 5}) or a share of the pages tried ({@code 10%}).
   */
  private static WebErrorBudget errorBudget(ConfigNode crawl, WebErrorBudget defaultValue) {
    String value = crawl.optionalString("max_errors").orElse(null);
    if (value == null) {
      return defaultValue;
    }
    Optional<WebErrorBudget> budget = WebErrorBudget.parse(value);
    if (budget.isEmpty()) {
      crawl
          .problems()
          .add(
              crawl.path() + ".max_errors",
              "was '"
                  + value
                  + "' but it must be a number of pages (5) or a percentage of the pages tried"
                  + " (10%)");
    }
    return budget.orElse(defaultValue);
  }

  private static double nonNegativeNumber(ConfigNode node, String key, double defaultValue) {
    String value = node.optionalString(key).orElse(null);
    if (value == null) {
      return defaultValue;
    }
    try {
      double number = Double.parseDouble(value);
      if (number >= 0 && Double.isFinite(number)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    node.problems()
        .add(node.path() + "." + key, "was '" + value + "' but it must be a number, 0 or more");
    return defaultValue;
  }

  /** Reads {@code 500ms}, {@code 30s} or {@code 2m}. */
  private static Duration duration(ConfigNode node, String key, Duration defaultValue) {
    String value = node.optionalString(key).orElse(null);
    if (value == null) {
      return defaultValue;
    }
    Matcher matcher = DURATION.matcher(value.trim());
    if (!matcher.matches()) {
      node.problems()
          .add(
              node.path() + "." + key,
              "was '" + value + "' but it must be a duration such as 500ms, 30s or 2m");
      return defaultValue;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }

  /** Whether a section is used in this mode; a section given where it is not used is a problem. */
  private boolean usedIn(String key, boolean used) {
    if (!used && node.has(key)) {
      problem(key, "is not used in " + modeName() + " mode" + switchHint(key));
    }
    return used;
  }

  /** What to change when a section belongs to another mode, as after switching html ↔ browser. */
  private String switchHint(String key) {
    return switch (key) {
      case "browser" ->
          " (set mode: browser to render pages in Chromium, or remove browser: html mode fetches"
              + " pages without running their JavaScript)";
      case "follow" -> " (follow is for html and browser modes, whose pages have links)";
      case "api" -> " (set mode: json to page through an API)";
      case "csv" -> " (set mode: csv to read a CSV download)";
      default -> "";
    };
  }

  private String modeName() {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  private void problem(String key, String message) {
    node.problems().add(node.path() + "." + key, message);
  }
}
