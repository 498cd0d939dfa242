-- The transactional database of the original pipeline (Aurora PostgreSQL, schema
-- movielens_database): the four ml-latest-small tables with their keys. Deleting a movie deletes
-- its links, ratings and tags, as the application's foreign keys did.
CREATE TABLE IF NOT EXISTS movielens_database.movies (
  "movieId" integer PRIMARY KEY,
  title text NOT NULL,
  genres text
);
CREATE TABLE IF NOT EXISTS movielens_database.links (
  "movieId" integer PRIMARY KEY REFERENCES movielens_database.movies ON DELETE CASCADE,
  "imdbId" text,
  "tmdbId" integer
);
CREATE TABLE IF NOT EXISTS movielens_database.ratings (
  "userId" integer NOT NULL,
  "movieId" integer NOT NULL REFERENCES movielens_database.movies ON DELETE CASCADE,
  rating double precision NOT NULL,
  "timestamp" bigint NOT NULL,
  PRIMARY KEY ("userId", "movieId")
);
CREATE TABLE IF NOT EXISTS movielens_database.tags (
  "userId" integer NOT NULL,
  "movieId" integer NOT NULL REFERENCES movielens_database.movies ON DELETE CASCADE,
  tag text NOT NULL,
  "timestamp" bigint NOT NULL,
  PRIMARY KEY ("userId", "movieId", tag)
);
