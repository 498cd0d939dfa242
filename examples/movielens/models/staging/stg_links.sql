-- Identifiers of every movie on IMDb and TMDb; imdbId keeps its leading zeros as IMDb writes it.
SELECT
  CAST(movieId AS INT) AS movieId,
  lpad(CAST(imdbId AS STRING), 7, '0') AS imdbId,
  CAST(tmdbId AS INT) AS tmdbId
FROM {{ source('movielens', 'links') }}
