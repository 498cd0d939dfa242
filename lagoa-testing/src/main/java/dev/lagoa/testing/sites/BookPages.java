package dev.lagoa.testing.sites;

import static dev.lagoa.testing.sites.Html.escape;
import static dev.lagoa.testing.sites.Html.relative;

import java.util.List;

/**
 * The HTML of the books fixture site, written in books.toscrape.com's structure: the side list of
 * categories, {@code article.product_pod} cards, the "Page 1 of N" pager with a next link, and
 * detail pages with the product table. Links are relative, as on the real site.
 */
final class BookPages {
  private final BookCatalogue catalogue;

  BookPages(BookCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** The home page and the "All products" listing: {@code page} 1 is {@code /index.html}. */
  String allProducts(int page) {
    String path = page == 1 ? "/index.html" : "/catalogue/page-" + page + ".html";
    int pages = catalogue.allProductsPageCount();
    List<Book> books = pageOf(catalogue.books(), page);
    String next = page < pages ? relative(path, "/catalogue/page-" + (page + 1) + ".html") : null;
    String previous =
        page > 1
            ? relative(path, page == 2 ? "/index.html" : "/catalogue/page-" + (page - 1) + ".html")
            : null;
    return layout(
        path, "All products", catalogue.books().size(), books, page, pages, previous, next);
  }

  String category(BookCategory category, int page) {
    String path = category.path(page);
    String next = page < category.pageCount() ? relative(path, category.path(page + 1)) : null;
    String previous = page > 1 ? relative(path, category.path(page - 1)) : null;
    return layout(
        path,
        category.name(),
        category.books().size(),
        pageOf(category.books(), page),
        page,
        category.pageCount(),
        previous,
        next);
  }

  private static List<Book> pageOf(List<Book> books, int page) {
    int from = (page - 1) * BookCategory.PAGE_SIZE;
    return books.subList(
        Math.min(from, books.size()), Math.min(from + BookCategory.PAGE_SIZE, books.size()));
  }

  private String layout(
      String path,
      String heading,
      int total,
      List<Book> books,
      int page,
      int pages,
      String previous,
      String next) {
    StringBuilder html = head(path, heading + " | Books to Scrape - Sandbox");
    html.append("<div class=\"container-fluid page\"><div class=\"page_inner\">\n");
    html.append("<ul class=\"breadcrumb\"><li><a href=\"")
        .append(relative(path, "/index.html"))
        .append("\">Home</a></li>")
        .append("<li class=\"active\">")
        .append(escape(heading))
        .append("</li></ul>\n");
    html.append(
            "<div class=\"row\"><aside class=\"sidebar col-sm-4 col-md-3\"><div"
                + " class=\"side_categories\">\n")
        .append("<ul class=\"nav nav-list\"><li><a href=\"")
        .append(relative(path, "/catalogue/category/books_1/index.html"))
        .append("\">Books</a><ul>\n");
    for (BookCategory category : catalogue.categories()) {
      html.append("<li><a href=\"")
          .append(relative(path, category.path(1)))
          .append("\">")
          .append(escape(category.name()))
          .append("</a></li>\n");
    }
    html.append("</ul></li></ul></div></aside>\n");
    html.append("<div class=\"col-sm-8 col-md-9\"><div class=\"page-header action\"><h1>")
        .append(escape(heading))
        .append("</h1></div>\n<form method=\"get\" class=\"form-horizontal\"><strong>")
        .append(total)
        .append("</strong> results - showing <strong>")
        .append((page - 1) * BookCategory.PAGE_SIZE + 1)
        .append("</strong> to <strong>")
        .append((page - 1) * BookCategory.PAGE_SIZE + books.size())
        .append("</strong>.</form>\n<section><ol class=\"row\">\n");
    for (Book book : books) {
      String link = relative(path, book.path());
      html.append(
              "<li class=\"col-xs-6 col-sm-4 col-md-3 col-lg-3\"><article class=\"product_pod\">")
          .append("<div class=\"image_container\"><a href=\"")
          .append(link)
          .append("\"><img src=\"")
          .append(relative(path, "/media/cache/" + book.upc() + ".jpg"))
          .append("\" alt=\"")
          .append(escape(book.title()))
          .append("\" class=\"thumbnail\"></a></div>")
          .append("<p class=\"star-rating ")
          .append(book.ratingWord())
          .append("\"><i class=\"icon-star\"></i></p>")
          .append("<h3><a href=\"")
          .append(link)
          .append("\" title=\"")
          .append(escape(book.title()))
          .append("\">")
          .append(escape(shortTitle(book.title())))
          .append("</a></h3>")
          .append("<div class=\"product_price\"><p class=\"price_color\">£")
          .append(book.price().toPlainString())
          .append("</p><p class=\"instock availability\"><i class=\"icon-ok\"></i> In stock</p>")
          .append(
              "<form><button type=\"submit\" class=\"btn btn-primary btn-block\">Add to"
                  + " basket</button></form>")
          .append("</div></article></li>\n");
    }
    html.append("</ol><div><ul class=\"pager\">");
    if (previous != null) {
      html.append("<li class=\"previous\"><a href=\"")
          .append(previous)
          .append("\">previous</a></li>");
    }
    html.append("<li class=\"current\">Page ")
        .append(page)
        .append(" of ")
        .append(pages)
        .append("</li>");
    if (next != null) {
      html.append("<li class=\"next\"><a href=\"").append(next).append("\">next</a></li>");
    }
    html.append("</ul></div></section></div></div></div></div>\n</body></html>\n");
    return html.toString();
  }

  /** Cards cut long titles the way the real site does; the full title is in the link's title. */
  private static String shortTitle(String title) {
    return title.length() <= 40 ? title : title.substring(0, 37) + "...";
  }

  /**
   * A book's page. With {@code changedMarkup} the price and rating are written the way a redesign
   * might: other class names, so that old selectors match nothing.
   */
  String detail(Book book, BookCategory category, boolean changedMarkup) {
    String path = book.path();
    String priceClass = changedMarkup ? "product-price" : "price_color";
    String ratingClass = changedMarkup ? "rating-stars" : "star-rating";
    String price = "£" + book.price().toPlainString();
    String availability = "In stock (" + book.stock() + " available)";
    StringBuilder html = head(path, book.title() + " | Books to Scrape - Sandbox");
    html.append(
            "<div class=\"container-fluid page\"><div class=\"page_inner\">\n"
                + "<ul class=\"breadcrumb\">")
        .append("<li><a href=\"")
        .append(relative(path, "/index.html"))
        .append("\">Home</a></li>")
        .append("<li><a href=\"")
        .append(relative(path, "/catalogue/category/books_1/index.html"))
        .append("\">Books</a></li>")
        .append("<li><a href=\"")
        .append(relative(path, category.path(1)))
        .append("\">")
        .append(escape(category.name()))
        .append("</a></li><li class=\"active\">")
        .append(escape(book.title()))
        .append("</li></ul>\n")
        .append("<article class=\"product_page\"><div class=\"row\">")
        .append("<div class=\"col-sm-6\"><div id=\"product_gallery\"><img src=\"")
        .append(relative(path, "/media/cache/" + book.upc() + ".jpg"))
        .append("\" alt=\"")
        .append(escape(book.title()))
        .append("\"></div></div>\n<div class=\"col-sm-6 product_main\"><h1>")
        .append(escape(book.title()))
        .append("</h1>")
        .append("<p class=\"")
        .append(priceClass)
        .append("\">")
        .append(price)
        .append("</p>")
        .append("<p class=\"instock availability\"><i class=\"icon-ok\"></i>\n    ")
        .append(availability)
        .append("\n</p>")
        .append("<p class=\"")
        .append(ratingClass)
        .append(' ')
        .append(book.ratingWord())
        .append("\"><i class=\"icon-star\"></i><i class=\"icon-star\"></i></p></div></div>\n")
        .append(
            "<div id=\"product_description\" class=\"sub-header\"><h2>Product"
                + " Description</h2></div>\n"
                + "<p>")
        .append(escape(book.description()))
        .append("</p>\n<div class=\"sub-header\"><h2>Product Information</h2></div>\n")
        .append("<table class=\"table table-striped\">");
    row(html, "UPC", book.upc());
    row(html, "Product Type", "Books");
    row(html, "Price (excl. tax)", price);
    row(html, "Price (incl. tax)", price);
    row(html, "Tax", "£0.00");
    row(html, "Availability", availability);
    row(html, "Number of reviews", "0");
    html.append("</table></article></div></div>\n</body></html>\n");
    return html.toString();
  }

  private static void row(StringBuilder html, String name, String value) {
    html.append("<tr><th>")
        .append(escape(name))
        .append("</th><td>")
        .append(escape(value))
        .append("</td></tr>");
  }

  private static StringBuilder head(String path, String title) {
    return new StringBuilder(16_384)
        .append("<!DOCTYPE html>\n<html lang=\"en-us\" class=\"no-js\"><head><title>")
        .append(escape(title))
        .append("</title><meta http-equiv=\"content-type\" content=\"text/html; charset=UTF-8\">")
        .append("<link rel=\"stylesheet\" href=\"")
        .append(relative(path, "/static/oscar/css/styles.css"))
        .append("\"></head>\n<body id=\"default\" class=\"default\">\n");
  }
}
