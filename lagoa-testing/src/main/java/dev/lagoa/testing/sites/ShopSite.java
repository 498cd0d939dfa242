package dev.lagoa.testing.sites;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shop built the way Next.js storefronts are, served on 127.0.0.1: a listing ({@code
 * /shop/?page=N}, 8 products a page) whose products are in the markup, in {@code <script
 * id="__NEXT_DATA__" type="application/json">} (props.pageProps, as Next.js documents it) and in a
 * schema.org {@code ItemList} in {@code application/ld+json} next to a {@code BreadcrumbList}
 * block, as Google's structured-data guide shows them; and a detail page per product. Quirks taken
 * from such sites: links are relative ({@code p/<slug>/}, {@code /shop/p/..} in the JSON), the next
 * page is announced by {@code <link rel="next">} in the head, ld+json text is written with HTML
 * entities ({@code Ben &amp; Jerry&#39;s}), ld+json prices are strings, and a listed product can be
 * gone ({@link #removeProduct}: its page answers 404).
 *
 * <p>{@link #layout(Layout)} changes how the listing is built while the site runs, the way a real
 * site changes under a scraper.
 */
public final class ShopSite implements AutoCloseable {
  public static final int PAGE_SIZE = 8;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NAMES =
      List.of(
          "Ben & Jerry's Cookie Dough",
          "Café Pilão Tradicional",
          "Häagen-Dazs Vanilla",
          "\"Extra\" Virgin Olive Oil",
          "Pão de Queijo Mix",
          "Dark Chocolate 70%",
          "Earl Grey <Loose Leaf>",
          "Açaí Bowl Kit");

  /** How the listing pages are built. */
  public enum Layout {
    /** Products in the markup, in __NEXT_DATA__ and in ld+json. */
    RENDERED,
    /** An empty {@code <div id="__next">}: products only in __NEXT_DATA__ and ld+json. */
    CLIENT_RENDERED,
    /** No markup and no __NEXT_DATA__: products only in ld+json. */
    LD_JSON_ONLY,
    /** The markup redesigned ({@code div.tile}) and __NEXT_DATA__ restructured. */
    REDESIGNED
  }

  private final List<ShopProduct> products;
  private final FixtureServer server;
  private final Set<String> removed = ConcurrentHashMap.newKeySet();
  private volatile Layout layout = Layout.RENDERED;

  private ShopSite(List<ShopProduct> products) {
    this.products = List.copyOf(products);
    this.server = FixtureServer.start(this::respond);
  }

  /** A shop of {@code count} products drawn from {@code seed}. */
  public static ShopSite start(int count, long seed) {
    Random random = new Random(seed);
    List<ShopProduct> products = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = NAMES.get(i % NAMES.size()) + (i < NAMES.size() ? "" : " " + (i / 8 + 1));
      int id = 1000 + i;
      String slug =
          name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "")
              + "-"
              + id;
      BigDecimal price =
          BigDecimal.valueOf(199 + random.nextInt(4800))
              .movePointLeft(2)
              .setScale(2, RoundingMode.UNNECESSARY);
      products.add(
          new ShopProduct(
              Integer.toString(id), name, slug, String.format(Locale.ROOT, "SKU-%05d", id), price));
    }
    return new ShopSite(products);
  }

  public List<ShopProduct> products() {
    return products;
  }

  public FixtureServer server() {
    return server;
  }

  public URI baseUri() {
    return server.baseUri();
  }

  /** The listing's first page, {@code <base>/shop/}. */
  public URI listingUri() {
    return URI.create(baseUri() + "/shop/");
  }

  public int pageCount() {
    return (products.size() + PAGE_SIZE - 1) / PAGE_SIZE;
  }

  public void layout(Layout newLayout) {
    this.layout = newLayout;
  }

  /** The product stays listed, but its page answers 404, as a product taken off sale does. */
  public void removeProduct(ShopProduct product) {
    removed.add(product.path());
  }

  private FixtureResponse respond(FixtureRequest request) {
    String path = request.path();
    if (path.equals("/shop/") || path.equals("/shop")) {
      int page = Integer.parseInt(request.query().getOrDefault("page", "1"));
      if (page < 1 || page > pageCount()) {
        return FixtureResponse.notFound(path + "?page=" + page);
      }
      return FixtureResponse.html(listing(page));
    }
    if (path.equals("/shop/export/prices.csv")) {
      return new FixtureResponse(
          200, "text/csv; charset=iso-8859-1", pricesCsv().getBytes(StandardCharsets.ISO_8859_1));
    }
    for (ShopProduct product : products) {
      if (product.path().equals(path)) {
        return removed.contains(path)
            ? FixtureResponse.notFound(path)
            : FixtureResponse.html(detail(product));
      }
    }
    return FixtureResponse.notFound(path);
  }

  /** The products on listing page {@code page}, from 1. */
  public List<ShopProduct> page(int page) {
    int from = (page - 1) * PAGE_SIZE;
    return products.subList(from, Math.min(products.size(), from + PAGE_SIZE));
  }

  private String listing(int page) {
    List<ShopProduct> shown = page(page);
    Layout current = layout;
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Shop – page ")
        .append(page)
        .append("</title>");
    if (page < pageCount()) {
      html.append("<link rel=\"next\" href=\"?page=").append(page + 1).append("\">");
    }
    html.append("<script type=\"application/ld+json\">")
        .append(breadcrumbs())
        .append("</script>")
        .append("<script type=\"application/ld+json\">")
        .append(itemList(shown, page))
        .append("</script>");
    html.append("</head><body>");
    switch (current) {
      case RENDERED -> html.append(cards(shown));
      case REDESIGNED -> html.append(tiles(shown));
      case CLIENT_RENDERED, LD_JSON_ONLY ->
          html.append("<div id=\"__next\"></div><noscript>Enable JavaScript to shop.</noscript>");
    }
    if (current != Layout.LD_JSON_ONLY) {
      html.append("<script id=\"__NEXT_DATA__\" type=\"application/json\">")
          .append(nextData(shown, page, current == Layout.REDESIGNED))
          .append("</script>");
    }
    return html.append("</body></html>").toString();
  }

  private static String cards(List<ShopProduct> shown) {
    StringBuilder html = new StringBuilder("<main><ul class=\"product-grid\">");
    for (ShopProduct product : shown) {
      html.append("<li class=\"product-card\" data-id=\"")
          .append(product.id())
          .append("\"><h2 class=\"product-card__title\"><a href=\"p/")
          .append(product.slug())
          .append("/\">")
          .append(Html.escape(product.name()))
          .append("</a></h2><span class=\"price\">€")
          .append(product.price().toPlainString())
          .append("</span></li>");
    }
    return html.append("</ul></main>").toString();
  }

  private static String tiles(List<ShopProduct> shown) {
    StringBuilder html = new StringBuilder("<main><div class=\"catalog\">");
    for (ShopProduct product : shown) {
      html.append("<div class=\"tile\"><h3 class=\"tile-name\"><a href=\"p/")
          .append(product.slug())
          .append("/\">")
          .append(Html.escape(product.name()))
          .append("</a></h3><b class=\"tile-price\">€ ")
          .append(product.price().toPlainString())
          .append("</b></div>");
    }
    return html.append("</div></main>").toString();
  }

  private String nextData(List<ShopProduct> shown, int page, boolean restructured) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode pageProps = root.putObject("props").putObject("pageProps");
    ObjectNode listing = pageProps.putObject(restructured ? "catalog" : "listing");
    listing.put("page", page);
    listing.put("totalPages", pageCount());
    ArrayNode items = listing.putArray(restructured ? "items" : "products");
    for (ShopProduct product : shown) {
      ObjectNode item = items.addObject();
      item.put("id", product.id());
      item.put(restructured ? "title" : "name", product.name());
      item.put("url", product.path());
      item.put("sku", product.sku());
      ObjectNode price = item.putObject("price");
      price.put("amount", product.price());
      price.put("currency", "EUR");
    }
    root.put("page", "/shop");
    root.putObject("query").put("page", Integer.toString(page));
    root.put("buildId", "k3Jd9sPq");
    root.put("isFallback", false);
    return scriptSafe(root.toString());
  }

  private String itemList(List<ShopProduct> shown, int page) {
    ObjectNode list = JSON.createObjectNode();
    list.put("@context", "https://schema.org");
    list.put("@type", "ItemList");
    list.put("name", "Shop – page " + page);
    ArrayNode elements = list.putArray("itemListElement");
    int position = (page - 1) * PAGE_SIZE;
    for (ShopProduct product : shown) {
      ObjectNode element = elements.addObject();
      element.put("@type", "ListItem");
      element.put("position", ++position);
      ObjectNode item = element.putObject("item");
      item.put("@type", "Product");
      item.put("name", Html.escape(product.name()));
      item.put("sku", product.sku());
      item.put("url", product.path());
      ObjectNode offer = item.putObject("offers");
      offer.put("@type", "Offer");
      offer.put("price", product.price().toPlainString());
      offer.put("priceCurrency", "EUR");
    }
    return scriptSafe(list.toString());
  }

  private String breadcrumbs() {
    return "{\"@context\":\"https://schema.org\",\"@type\":\"BreadcrumbList\",\"itemListElement\":"
        + "[{\"@type\":\"ListItem\",\"position\":1,\"name\":\"Home\",\"item\":\""
        + baseUri()
        + "/\"},{\"@type\":\"ListItem\",\"position\":2,\"name\":\"Shop\"}]}";
  }

  /** A script's text must not close the script: {@code </} is written {@code <\/}. */
  private static String scriptSafe(String json) {
    return json.replace("</", "<\\/");
  }

  private static String detail(ShopProduct product) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
        + Html.escape(product.name())
        + "</title></head><body><main><h1 class=\"product-title\">"
        + Html.escape(product.name())
        + "</h1><dl class=\"facts\"><dt>SKU</dt><dd>"
        + product.sku()
        + "</dd><dt>Price</dt><dd>€"
        + product.price().toPlainString()
        + "</dd></dl></main></body></html>";
  }

  /** The shop's price export: ISO-8859-1, {@code ;}-separated, decimal commas, as EU shops do. */
  public String pricesCsv() {
    StringBuilder csv = new StringBuilder("sku;name;price\r\n");
    for (ShopProduct product : products) {
      csv.append(product.sku())
          .append(';')
          .append(product.name().replace(";", ","))
          .append(';')
          .append(product.price().toPlainString().replace('.', ','))
          .append("\r\n");
    }
    return csv.toString();
  }

  @Override
  public void close() {
    server.close();
  }
}
