-- History is append-only: nothing may rewrite or remove a revision. The twin of SQLite's
-- revisions_append_only_update / revisions_append_only_delete triggers (db/migrations/0001).
CREATE OR REPLACE FUNCTION revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'revisions are append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER revisions_append_only_update BEFORE UPDATE ON revisions FOR EACH ROW EXECUTE FUNCTION revisions_append_only();
--> statement-breakpoint
CREATE TRIGGER revisions_append_only_delete BEFORE DELETE ON revisions FOR EACH ROW EXECUTE FUNCTION revisions_append_only();
