package dev.lagoa.testing.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixtureSitesTest {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void theBooksCatalogueHasAThousandBooksInFiftyCategoriesWithSomeTitlesRepeated() {
    BookCatalogue catalogue = BookCatalogue.standard();

    assertThat(catalogue.books()).hasSize(1000);
    assertThat(catalogue.categories())
        .hasSize(50)
        .allSatisfy(c -> assertThat(c.books()).isNotEmpty());
    assertThat(catalogue.books().stream().map(Book::upc).distinct()).hasSize(1000);
    assertThat(new HashSet<>(catalogue.books().stream().map(Book::title).toList()).size())
        .isLessThan(1000);
    assertThat(catalogue.categories()).anySatisfy(c -> assertThat(c.pageCount()).isGreaterThan(3));
    assertThat(catalogue.crawlPaths()).hasSizeBetween(1050, 1100).doesNotHaveDuplicates();
  }

  @Test
  void everyPageACrawlerReachesIsServed() throws Exception {
    try (BooksSite site = BooksSite.start()) {
      for (String path : site.catalogue().crawlPaths()) {
        assertThat(get(site.baseUri().resolve(path)).statusCode()).as(path).isEqualTo(200);
      }
      String detail =
          new String(
              get(site.baseUri().resolve(site.catalogue().books().get(0).path())).body(),
              StandardCharsets.UTF_8);
      Book book = site.catalogue().books().get(0);
      assertThat(detail)
          .contains("<p class=\"price_color\">£" + book.price().toPlainString() + "</p>")
          .contains("In stock (" + book.stock() + " available)")
          .contains("<th>UPC</th><td>" + book.upc() + "</td>")
          .contains("star-rating " + book.ratingWord());
    }
  }

  @Test
  void theB3ServiceAnswersBase64EncodedParametersWithPtBrNumbersAndALatin1Download()
      throws Exception {
    try (B3Site site = B3Site.start()) {
      String params =
          "{\"language\":\"pt-br\",\"pageNumber\":5,\"pageSize\":20,\"index\":\"IBOV\",\"segment\":\"1\"}";
      String page =
          new String(
              get(URI.create(site.baseUri() + B3Site.PORTFOLIO_PATH + B3Site.encode(params)))
                  .body(),
              StandardCharsets.UTF_8);
      assertThat(page).contains("\"pageNumber\":5", "\"totalPages\":5", "\"date\":\"03/11/25\"");

      byte[] csv = Base64.getDecoder().decode(get(site.downloadUri()).body());
      List<String> lines = new String(csv, StandardCharsets.ISO_8859_1).lines().toList();
      assertThat(lines.get(0)).isEqualTo("IBOV - Carteira do Dia 03/11/25");
      assertThat(lines.get(1)).isEqualTo("Código;Ação;Tipo;Qtde. Teórica;Part. (%);");
      assertThat(lines).hasSize(2 + 86 + 2);
    }
  }

  @Test
  void theImdbListingShipsOnlyItsFirstFiftyRowsInThePage() throws Exception {
    try (ImdbSite site = ImdbSite.start()) {
      String html = new String(get(site.searchUri()).body(), StandardCharsets.UTF_8);
      ImdbTitle fiftieth = site.listing().titles().get(49);
      ImdbTitle fiftyFirst = site.listing().titles().get(50);
      assertThat(html).contains("__NEXT_DATA__", fiftieth.id()).doesNotContain(fiftyFirst.id());
      String more =
          new String(
              get(URI.create(site.baseUri() + "/api/search/titles?start=50&count=50")).body(),
              StandardCharsets.UTF_8);
      assertThat(more).contains(fiftyFirst.id());
    }
  }

  @Test
  void relativeLinksAreWrittenTheWayTheRealSiteWritesThem() {
    assertThat(
            Html.relative(
                "/catalogue/category/books/travel_2/index.html",
                "/catalogue/a-book_1000/index.html"))
        .isEqualTo("../../../a-book_1000/index.html");
    assertThat(Html.relative("/index.html", "/catalogue/category/books/travel_2/index.html"))
        .isEqualTo("catalogue/category/books/travel_2/index.html");
    assertThat(
            Html.relative(
                "/catalogue/category/books/travel_2/index.html",
                "/catalogue/category/books/travel_2/page-2.html"))
        .isEqualTo("page-2.html");
  }
}
