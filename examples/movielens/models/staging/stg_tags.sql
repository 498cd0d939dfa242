-- One row per tag a user put on a movie.
SELECT
  CAST(userId AS INT) AS userId,
  CAST(movieId AS INT) AS movieId,
  trim(CAST(tag AS STRING)) AS tag,
  timestamp_seconds(CAST(timestamp AS BIGINT)) AS tagged_at
FROM {{ source('movielens', 'tags') }}
