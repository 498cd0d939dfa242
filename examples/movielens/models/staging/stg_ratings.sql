-- One row per rating, typed, with the epoch seconds of the raw file as a timestamp.
SELECT
  CAST(userId AS INT) AS userId,
  CAST(movieId AS INT) AS movieId,
  CAST(rating AS DOUBLE) AS rating,
  timestamp_seconds(CAST(timestamp AS BIGINT)) AS rated_at
FROM {{ source('movielens', 'ratings') }}
