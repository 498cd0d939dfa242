package dev.lagoa.testing.sites;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The IMDb-style listing: the HTML holds no rows, only the first page of them as JSON in {@code
 * __NEXT_DATA__}; a script renders them as {@code li.ipc-metadata-list-summary-item} and loads the
 * next 50 from a JSON endpoint on each click of the "50 more" button, which disappears once every
 * title is shown. A scraper without a browser sees an empty list.
 */
final class ImdbPages {
  static final int PAGE_SIZE = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ImdbListing listing;

  ImdbPages(ImdbListing listing) {
    this.listing = listing;
  }

  String searchPage() {
    String nextData = nextData(0, PAGE_SIZE).replace("</", "<\\/");
    int shown = Math.min(PAGE_SIZE, listing.titles().size());
    return """
    <!DOCTYPE html>
    <html lang="en-US"><head><meta charset="utf-8"><title>Advanced title search - IMDb</title></head>
    <body><main><section class="ipc-page-section ipc-page-section--base">
    <div class="sc-results-header"><div class="sc-total">1-%d of %d</div></div>
    <ul class="ipc-metadata-list ipc-metadata-list--dividers-between detailed-list-view ipc-metadata-list--base" role="presentation"></ul>
    <div class="ipc-see-more sc-see-more-container"><button class="ipc-btn ipc-btn--single-padding ipc-btn--center-align-content ipc-see-more__button" role="button" tabindex="0" aria-disabled="false"><span class="ipc-btn__text"><span class="ipc-see-more__text">50 more</span></span></button></div>
    </section></main>
    <script id="__NEXT_DATA__" type="application/json">%s</script>
    <script>%s</script>
    </body></html>
    """
        .formatted(shown, listing.titles().size(), nextData, SCRIPT);
  }

  /**
   * The titles from {@code start} (0-based), {@code count} of them, as the "50 more" endpoint sends
   * them.
   */
  String titlesJson(int start, int count) {
    ObjectNode page = JSON.createObjectNode();
    page.set("titleListItems", items(start, count));
    page.put("total", listing.titles().size());
    return write(page);
  }

  private String nextData(int start, int count) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode results =
        root.putObject("props")
            .putObject("pageProps")
            .putObject("searchResults")
            .putObject("titleResults");
    results.set("titleListItems", items(start, count));
    results.put("total", listing.titles().size());
    root.put("page", "/search/title");
    return write(root);
  }

  private ArrayNode items(int start, int count) {
    ArrayNode items = JSON.createArrayNode();
    List<ImdbTitle> titles = listing.titles();
    for (int i = Math.max(0, start); i < Math.min(titles.size(), start + count); i++) {
      ImdbTitle title = titles.get(i);
      ObjectNode item = items.addObject();
      item.put("titleId", title.id());
      item.put("titleText", title.title());
      item.put("releaseYear", title.year());
      ObjectNode rating = item.putObject("ratingSummary");
      if (title.rating() == null) {
        rating.putNull("aggregateRating");
      } else {
        rating.put("aggregateRating", title.rating());
      }
      rating.put("voteCount", title.votes());
      item.put("runtime", title.runtimeMinutes() * 60);
      item.put("certificate", title.certificate());
    }
    return items;
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write fixture JSON: " + e.getMessage(), e);
    }
  }

  private static final String SCRIPT =
      """
      (function () {
        var data = JSON.parse(document.getElementById('__NEXT_DATA__').textContent);
        var results = data.props.pageProps.searchResults.titleResults;
        var list = document.querySelector('ul.ipc-metadata-list');
        var button = document.querySelector('button.ipc-see-more__button');
        var loaded = 0;
        function el(tag, cls, text) {
          var e = document.createElement(tag);
          if (cls) e.className = cls;
          if (text != null) e.textContent = text;
          return e;
        }
        function votes(n) { return n >= 1000000 ? (n / 1000000).toFixed(1) + 'M' : Math.round(n / 1000) + 'K'; }
        function render(items) {
          items.forEach(function (t) {
            loaded++;
            var li = el('li', 'ipc-metadata-list-summary-item');
            var parent = el('div', 'sc-title-parent dli-parent');
            var box = el('div', 'ipc-title ipc-title--base ipc-title--title');
            var link = el('a', 'ipc-title-link-wrapper');
            link.setAttribute('href', '/title/' + t.titleId + '/?ref_=sr_t_' + loaded);
            link.appendChild(el('h3', 'ipc-title__text', loaded + '. ' + t.titleText));
            box.appendChild(link);
            parent.appendChild(box);
            var meta = el('div', 'sc-title-metadata dli-title-metadata');
            meta.appendChild(el('span', 'sc-metadata-item dli-title-metadata-item', String(t.releaseYear)));
            meta.appendChild(el('span', 'sc-metadata-item dli-title-metadata-item',
                Math.floor(t.runtime / 3600) + 'h ' + Math.floor(t.runtime % 3600 / 60) + 'm'));
            meta.appendChild(el('span', 'sc-metadata-item dli-title-metadata-item', t.certificate));
            parent.appendChild(meta);
            var rating = t.ratingSummary.aggregateRating;
            if (rating != null) {
              var star = el('span', 'ipc-rating-star ipc-rating-star--base ipc-rating-star--imdb ratingGroup--imdb-rating');
              star.setAttribute('aria-label', 'IMDb rating: ' + rating.toFixed(1));
              star.appendChild(el('span', 'ipc-rating-star--rating', rating.toFixed(1)));
              star.appendChild(el('span', 'ipc-rating-star--voteCount', ' (' + votes(t.ratingSummary.voteCount) + ')'));
              parent.appendChild(star);
            }
            li.appendChild(parent);
            list.appendChild(li);
          });
          if (loaded >= results.total && button.parentNode) {
            button.parentNode.remove();
          }
        }
        render(results.titleListItems);
        button.addEventListener('click', function () {
          if (button.getAttribute('aria-disabled') === 'true') return;
          button.setAttribute('aria-disabled', 'true');
          fetch('/api/search/titles?start=' + loaded + '&count=50')
            .then(function (response) { return response.json(); })
            .then(function (page) {
              button.setAttribute('aria-disabled', 'false');
              render(page.titleListItems);
            });
        });
      })();
      """;
}
