-- What the demo's second run changes in the source database, as the application would:
-- user 1 lowers a rating, the last movie is withdrawn (its ratings, tags and links go with it),
-- and a new user 611 rates the first 25 movies.
UPDATE movielens_database.ratings SET rating = 0.5
  WHERE "userId" = 1 AND "movieId" = (SELECT min("movieId") FROM movielens_database.ratings WHERE "userId" = 1);
DELETE FROM movielens_database.movies
  WHERE "movieId" = (SELECT max("movieId") FROM movielens_database.movies);
INSERT INTO movielens_database.ratings ("userId", "movieId", rating, "timestamp")
  SELECT 611, "movieId", 4.5, 1700000000 FROM movielens_database.movies ORDER BY "movieId" LIMIT 25;
