-- Extensions the PostgreSQL schema needs before its tables: unaccent folds "Erdoğan" to "Erdogan"
-- for search (SQLite's FTS5 did it with remove_diacritics 2), pg_trgm gives "did you mean"
-- suggestions over actor names and aliases.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent(text) is only STABLE (it reads its dictionary by search_path), so it cannot appear in a
-- generated column or an index expression. With the dictionary and schema named, the result
-- depends on the input only: this wrapper may be IMMUTABLE, and event_search.document and the
-- trigram indexes use it.
CREATE OR REPLACE FUNCTION tracker_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
