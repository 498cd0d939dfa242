-- Every movie with its ratings; movies nobody rated keep NULL avg_rating and total_ratings.
SELECT
  m.movieId,
  m.title,
  m.genres,
  m.release_year,
  r.avg_rating,
  r.total_ratings
FROM {{ ref('stg_movies') }} m
LEFT JOIN {{ ref('int_movie_ratings') }} r ON r.movieId = m.movieId
