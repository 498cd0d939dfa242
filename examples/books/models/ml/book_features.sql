/* lagoa:
# One row per book with what the shop shows next to its star rating: category, price, stock and a few
# title features. Trained by the `rating` model of lagoa.yaml's ml: section.
materialized: table
tests:
  - unique: upc
*/
SELECT
  upc,
  CAST(rating AS VARCHAR) AS rating,
  category,
  price,
  CAST(stock AS DOUBLE) AS stock,
  CAST(length(title) AS DOUBLE) AS title_length,
  CAST(length(title) - length(replace(title, ' ', '')) + 1 AS DOUBLE) AS title_words,
  title LIKE '%(%#%)%' AS in_series
FROM {{ ref('books') }}
