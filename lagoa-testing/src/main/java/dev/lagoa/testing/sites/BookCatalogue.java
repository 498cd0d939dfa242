package dev.lagoa.testing.sites;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The books of the books fixture site, generated from a seed: categories of uneven size (so some
 * span many pages and some one), prices from £10.00 to £59.99, ratings 1 to 5, stock 1 to 22, and a
 * few titles that two different books share.
 */
public final class BookCatalogue {
  /** The 50 categories of books.toscrape.com's side list, in its order. */
  static final List<String> CATEGORY_NAMES =
      List.of(
          "Travel",
          "Mystery",
          "Historical Fiction",
          "Sequential Art",
          "Classics",
          "Philosophy",
          "Romance",
          "Womens Fiction",
          "Fiction",
          "Childrens",
          "Religion",
          "Nonfiction",
          "Music",
          "Default",
          "Science Fiction",
          "Sports and Games",
          "Add a comment",
          "Fantasy",
          "New Adult",
          "Young Adult",
          "Science",
          "Poetry",
          "Paranormal",
          "Art",
          "Psychology",
          "Autobiography",
          "Parenting",
          "Adult Fiction",
          "Humor",
          "Horror",
          "History",
          "Food and Drink",
          "Christian Fiction",
          "Business",
          "Biography",
          "Thriller",
          "Contemporary",
          "Spirituality",
          "Academic",
          "Self Help",
          "Historical",
          "Christian",
          "Suspense",
          "Short Stories",
          "Novels",
          "Health",
          "Politics",
          "Cultural",
          "Erotica",
          "Crime");

  private static final List<String> ADJECTIVES =
      List.of(
          "Silent",
          "Hidden",
          "Broken",
          "Golden",
          "Last",
          "Secret",
          "Wild",
          "Lost",
          "Quiet",
          "Burning",
          "Frozen",
          "Little",
          "Midnight",
          "Crimson",
          "Forgotten",
          "Endless",
          "Bright",
          "Hollow",
          "Restless",
          "Paper",
          "Glass",
          "Iron",
          "Velvet",
          "Distant",
          "Sharp",
          "Gentle",
          "Savage",
          "Summer",
          "Winter",
          "Strange");
  private static final List<String> NOUNS =
      List.of(
          "Harbor",
          "Attic",
          "Garden",
          "River",
          "Kingdom",
          "Letter",
          "Mirror",
          "Orchard",
          "Voyage",
          "Lantern",
          "Crown",
          "Forest",
          "Island",
          "Promise",
          "Shadow",
          "Storm",
          "Bridge",
          "Library",
          "Mountain",
          "Daughter",
          "Machine",
          "Compass",
          "Feather",
          "Engine",
          "Song",
          "Station",
          "Thief",
          "Cartographer",
          "Tide",
          "Chapel");
  private static final List<String> PATTERNS =
      List.of(
          "The %s %s",
          "A %2$s in the %1$s Night",
          "%2$s of the %1$s",
          "The %s %s: A Novel",
          "%2$s & the %1$s %2$s",
          "Notes from the %s %s",
          "The \"%s\" %s",
          "%2$s's %1$s Heart",
          "The %s %s (Book %3$d)",
          "When the %s %s Falls");

  private final List<Book> books;
  private final List<BookCategory> categories;

  private BookCatalogue(List<Book> books, List<BookCategory> categories) {
    this.books = List.copyOf(books);
    this.categories = List.copyOf(categories);
  }

  /** The site's default: 1,000 books in 50 categories, the size of books.toscrape.com. */
  public static BookCatalogue standard() {
    return generate(42, 1000);
  }

  public static BookCatalogue generate(long seed, int bookCount) {
    if (bookCount < CATEGORY_NAMES.size()) {
      throw new IllegalArgumentException(
          "Cannot generate " + bookCount + " books: every one of the 50 categories needs one");
    }
    Random random = new Random(seed);
    List<String> titles = titles(random, bookCount);
    List<String> categoryOfBook = categoryAssignment(random, bookCount);
    Set<String> upcs = new HashSet<>();
    List<Book> books = new ArrayList<>();
    for (int i = 0; i < bookCount; i++) {
      String upc;
      do {
        upc = String.format("%016x", random.nextLong());
      } while (!upcs.add(upc));
      BigDecimal price = BigDecimal.valueOf(1000 + random.nextInt(5000), 2);
      String title = titles.get(i);
      books.add(
          new Book(
              bookCount - i,
              upc,
              title,
              categoryOfBook.get(i),
              price,
              1 + random.nextInt(5),
              1 + random.nextInt(22),
              "A story of "
                  + title.toLowerCase(java.util.Locale.ROOT)
                  + ", told in "
                  + (150 + random.nextInt(400))
                  + " pages."));
    }
    Map<String, List<Book>> byCategory = new LinkedHashMap<>();
    CATEGORY_NAMES.forEach(name -> byCategory.put(name, new ArrayList<>()));
    books.forEach(book -> byCategory.get(book.category()).add(book));
    List<BookCategory> categories = new ArrayList<>();
    int number = 2; // books_1 is the "Books" entry that lists everything
    for (Map.Entry<String, List<Book>> entry : byCategory.entrySet()) {
      categories.add(new BookCategory(number++, entry.getKey(), entry.getValue()));
    }
    return new BookCatalogue(books, categories);
  }

  /** Unique titles, except that a few books (one in 150) repeat an earlier title. */
  private static List<String> titles(Random random, int count) {
    List<String> titles = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (titles.size() < count) {
      if (titles.size() > 10 && titles.size() % 150 == 75) {
        titles.add(titles.get(random.nextInt(titles.size())));
        continue;
      }
      String title =
          String.format(
              PATTERNS.get(random.nextInt(PATTERNS.size())),
              ADJECTIVES.get(random.nextInt(ADJECTIVES.size())),
              NOUNS.get(random.nextInt(NOUNS.size())),
              1 + random.nextInt(9));
      if (seen.add(title)) {
        titles.add(title);
      }
    }
    return titles;
  }

  /**
   * Every category gets a book, the rest go to categories by a skewed weight, then all are
   * shuffled.
   */
  private static List<String> categoryAssignment(Random random, int count) {
    List<String> assignment = new ArrayList<>(CATEGORY_NAMES);
    double[] weights = new double[CATEGORY_NAMES.size()];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      weights[i] = 1.0 / Math.sqrt(1 + (i * 7) % weights.length);
      total += weights[i];
    }
    while (assignment.size() < count) {
      double pick = random.nextDouble() * total;
      int index = 0;
      while (pick > weights[index] && index < weights.length - 1) {
        pick -= weights[index++];
      }
      assignment.add(CATEGORY_NAMES.get(index));
    }
    Collections.shuffle(assignment, random);
    return assignment;
  }

  public List<Book> books() {
    return books;
  }

  public List<BookCategory> categories() {
    return categories;
  }

  /**
   * Pages of the "All products" listing, {@code /index.html} then {@code /catalogue/page-2.html}...
   */
  public int allProductsPageCount() {
    return (books.size() + BookCategory.PAGE_SIZE - 1) / BookCategory.PAGE_SIZE;
  }

  /**
   * The pages a crawler reaches from the home page through the category list: the home page, every
   * page of every category and every book's detail page.
   */
  public List<String> crawlPaths() {
    List<String> paths = new ArrayList<>();
    paths.add("/index.html");
    for (BookCategory category : categories) {
      for (int page = 1; page <= category.pageCount(); page++) {
        paths.add(category.path(page));
      }
    }
    books.forEach(book -> paths.add(book.path()));
    return paths;
  }
}
