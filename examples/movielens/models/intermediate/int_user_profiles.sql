-- Per user: how many movies and ratings, the average rating, and when they rated first and last.
SELECT
  userId,
  count(DISTINCT movieId) AS distinct_movies,
  count(*) AS total_ratings,
  round(avg(rating), 2) AS avg_rating,
  min(rated_at) AS first_rated_at,
  max(rated_at) AS last_rated_at
FROM {{ ref('stg_ratings') }}
GROUP BY userId
