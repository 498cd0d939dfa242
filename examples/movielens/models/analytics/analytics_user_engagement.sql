-- User profiles, most active first; engagement_rank keeps that order for readers that sort.
SELECT
  userId,
  total_ratings,
  distinct_movies,
  avg_rating,
  first_rated_at,
  last_rated_at,
  row_number() OVER (ORDER BY total_ratings DESC, userId) AS engagement_rank
FROM {{ ref('int_user_profiles') }}
ORDER BY total_ratings DESC, userId
