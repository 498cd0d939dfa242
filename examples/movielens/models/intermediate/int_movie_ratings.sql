-- Per movie: the average rating, rounded to 2 decimals, and how many ratings it has.
SELECT
  movieId,
  round(avg(rating), 2) AS avg_rating,
  count(*) AS total_ratings
FROM {{ ref('stg_ratings') }}
GROUP BY movieId
