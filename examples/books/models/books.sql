/* lagoa:
# The books catalogue: one row per book. Titles are not unique on books.toscrape.com, so books are
# identified by UPC; a book seen in several scrapes keeps its latest price, rating and stock.
materialized: incremental
table: gold.books
unique_key: [upc]
order_by: scraped_at_utc DESC
write_mode: merge
expectations:
  - name: has_upc
    expect: upc IS NOT NULL AND upc <> ''
    on_failure: drop
  - name: rating_is_one_to_five
    expect: rating BETWEEN 1 AND 5
    on_failure: drop
tests:
  - unique: upc
  - not_null: [upc, title, price, category]
*/
SELECT
  upc,
  title,
  CAST(price AS DOUBLE) AS price,
  CAST(rating AS INTEGER) AS rating,
  CAST(stock AS INTEGER) AS stock,
  category,
  source_url,
  scraped_at_utc
FROM {{ source('staging', 'books_raw') }}
