/* lagoa:
# One row per rating with what was known, when it was given, about its user and its movie: the
# averages and counts of their EARLIER ratings (a rating never sees itself or later ones, so the
# held-out metrics are honest), the movie's release year, first listed genre and genre flags. Trained by the `rating`
# model of lagoa.yaml's ml: section.
materialized: table
*/
WITH ordered AS (
  SELECT
    r.userId,
    r.movieId,
    r.rating,
    r.rated_at,
    avg(r.rating) OVER (PARTITION BY r.userId ORDER BY r.rated_at, r.movieId
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS user_avg_rating,
    count(*) OVER (PARTITION BY r.userId ORDER BY r.rated_at, r.movieId
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS user_rating_count,
    avg(r.rating) OVER (PARTITION BY r.movieId ORDER BY r.rated_at, r.userId
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS movie_avg_rating,
    count(*) OVER (PARTITION BY r.movieId ORDER BY r.rated_at, r.userId
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS movie_rating_count
  FROM {{ ref('stg_ratings') }} r
)
SELECT
  o.userId,
  o.movieId,
  o.rating,
  o.rated_at,
  o.user_avg_rating,
  CAST(o.user_rating_count AS DOUBLE) AS user_rating_count,
  o.movie_avg_rating,
  CAST(o.movie_rating_count AS DOUBLE) AS movie_rating_count,
  CAST(m.release_year AS DOUBLE) AS release_year,
  nullif(split_part(m.genres, '|', 1), '(no genres listed)') AS main_genre,
  m.genres LIKE '%Drama%' AS is_drama,
  m.genres LIKE '%Comedy%' AS is_comedy,
  m.genres LIKE '%Action%' AS is_action,
  m.genres LIKE '%Thriller%' AS is_thriller,
  m.genres LIKE '%Romance%' AS is_romance,
  m.genres LIKE '%Horror%' AS is_horror,
  m.genres LIKE '%Documentary%' AS is_documentary,
  m.genres LIKE '%Animation%' AS is_animation
FROM ordered o
LEFT JOIN {{ ref('stg_movies') }} m ON m.movieId = o.movieId
