-- One row per movie; the release year comes from the "(1995)" at the end of the title.
SELECT
  CAST(movieId AS INT) AS movieId,
  CAST(title AS STRING) AS title,
  CAST(genres AS STRING) AS genres,
  CAST(nullif(regexp_extract(title, '[(]([0-9]{4})[)]', 1), '') AS INT) AS release_year
FROM {{ source('movielens', 'movies') }}
