-- The derived data of the schema, maintained in PostgreSQL as SQLite's triggers maintain it: the
-- PL/pgSQL twins of the triggers of SQLite's migrations 0005_derived_triggers (the event facts
-- copied onto event_countries, event_entities and event_tags, their first_role flags,
-- facet_counts and event_month_counts) and 0016_event_pairs (event_pairs), with the same names,
-- on the same writes, computing the same rows. db/pg/derived.ts says in SQL what the derived
-- tables must hold (pgDerivedMismatches) and names these triggers (PG_DERIVED_TRIGGERS, which the
-- copy from SQLite switches off while it copies the derived tables as they are).
--
-- Differences from SQLite, none of which changes what the tables hold:
--  * each trigger runs a function (named as the trigger), and the statements SQLite repeats in
--    every trigger are shared functions (tracker_count_*, tracker_*_first_role,
--    tracker_event_pairs_refresh);
--  * SQLite runs a row's AFTER triggers as soon as the row is written, PostgreSQL at the end of
--    the statement. In a statement that writes several rows of one (event, value), a trigger of
--    one row can then flip another row's first_role before that row's own trigger has counted
--    it, so a count can be taken off before it is added. A count therefore moves by an upsert in
--    both directions (INSERT ... ON CONFLICT DO UPDATE SET n = n + delta): the moves commute.
--    Where SQLite takes one off a count row that exists (every count the data holds), the result
--    is the same; like SQLite, a count row that falls to 0 stays, at 0;
--  * SQLite's WHEN clauses with a subquery (the organisation checks of 0016) are IF tests inside
--    the functions: PostgreSQL's WHEN may not hold a subquery;
--  * min(role) compares with COLLATE "C", SQLite's binary order, whatever the database's collation.
--  * relation_organisations is not filled here (SQLite's 0016 inserts its eight rows): the copy
--    from SQLite brings them, and a new database stays empty until it does.
CREATE FUNCTION tracker_count_facet(p_facet text, p_value text, p_delta integer) RETURNS void LANGUAGE sql AS $$
	INSERT INTO facet_counts AS c (facet, value, n) VALUES (p_facet, p_value, p_delta)
	ON CONFLICT (facet, value) DO UPDATE SET n = c.n + EXCLUDED.n
$$;
--> statement-breakpoint
CREATE FUNCTION tracker_count_month(p_month text, p_precision text, p_type text, p_delta integer) RETURNS void LANGUAGE sql AS $$
	INSERT INTO event_month_counts AS c (month, date_precision, type, n) VALUES (p_month, p_precision, p_type, p_delta)
	ON CONFLICT (month, date_precision, type) DO UPDATE SET n = c.n + EXCLUDED.n
$$;
--> statement-breakpoint
-- What one event_countries row counts: every row of the published timeline under its role, the
-- row of its first role under the country itself; each also per event type.
CREATE FUNCTION tracker_count_country(p_visibility text, p_role text, p_type text, p_code text, p_first_role boolean, p_delta integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF p_visibility = 'published' THEN
		PERFORM tracker_count_facet('country:' || p_role, p_code, p_delta);
		PERFORM tracker_count_facet('country:' || p_role || '@' || p_type, p_code, p_delta);
		IF p_first_role THEN
			PERFORM tracker_count_facet('country', p_code, p_delta);
			PERFORM tracker_count_facet('country' || '@' || p_type, p_code, p_delta);
		END IF;
	END IF;
END;
$$;
--> statement-breakpoint
-- What one event_entities row counts: the row of its first role, under the actor.
CREATE FUNCTION tracker_count_actor(p_visibility text, p_type text, p_entity_id integer, p_first_role boolean, p_delta integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF p_visibility = 'published' AND p_first_role THEN
		PERFORM tracker_count_facet('actor', CAST(p_entity_id AS TEXT), p_delta);
		PERFORM tracker_count_facet('actor' || '@' || p_type, CAST(p_entity_id AS TEXT), p_delta);
	END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION tracker_count_tag(p_visibility text, p_type text, p_tag_id integer, p_delta integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF p_visibility = 'published' THEN
		PERFORM tracker_count_facet('tag', CAST(p_tag_id AS TEXT), p_delta);
		PERFORM tracker_count_facet('tag' || '@' || p_type, CAST(p_tag_id AS TEXT), p_delta);
	END IF;
END;
$$;
--> statement-breakpoint
-- What one event counts: its month, its legal authority and its program, if it is live and published.
CREATE FUNCTION tracker_count_event(p_deleted_at text, p_status text, p_date text, p_precision text, p_type text, p_authority text, p_program text, p_delta integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF p_deleted_at IS NULL AND p_status = 'published' THEN
		PERFORM tracker_count_month(substr(p_date, 1, 7), p_precision, p_type, p_delta);
		IF p_authority IS NOT NULL THEN
			PERFORM tracker_count_facet('authority', p_authority, p_delta);
			PERFORM tracker_count_facet('authority' || '@' || p_type, p_authority, p_delta);
		END IF;
		IF p_program IS NOT NULL THEN
			PERFORM tracker_count_facet('program', p_program, p_delta);
			PERFORM tracker_count_facet('program' || '@' || p_type, p_program, p_delta);
		END IF;
	END IF;
END;
$$;
--> statement-breakpoint
-- Marks the first role (the least, in binary order) of an (event, country) and no other; the
-- update trigger moves the counts of each row it flips.
CREATE FUNCTION tracker_countries_first_role(p_event_id integer, p_code text) RETURNS void LANGUAGE sql AS $$
	UPDATE event_countries SET first_role = NOT first_role
	 WHERE event_id = p_event_id AND country_code = p_code
	   AND first_role <> (role = (SELECT min(x.role COLLATE "C") FROM event_countries x WHERE x.event_id = p_event_id AND x.country_code = p_code))
$$;
--> statement-breakpoint
CREATE FUNCTION tracker_entities_first_role(p_event_id integer, p_entity_id integer) RETURNS void LANGUAGE sql AS $$
	UPDATE event_entities SET first_role = NOT first_role
	 WHERE event_id = p_event_id AND entity_id = p_entity_id
	   AND first_role <> (role = (SELECT min(x.role COLLATE "C") FROM event_entities x WHERE x.event_id = p_event_id AND x.entity_id = p_entity_id))
$$;
--> statement-breakpoint
-- The event_pairs rows of these events afresh, from the base tables (0016's statement pair).
CREATE FUNCTION tracker_event_pairs_refresh(p_event_ids integer[]) RETURNS void LANGUAGE sql AS $$
	DELETE FROM event_pairs WHERE event_id = ANY (p_event_ids);
	INSERT INTO event_pairs (country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title)
	  SELECT a.country_code, b.country_code, e.date, e.id, e.status, e.date_precision, e.type, e.title
	    FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id AND b.country_code <> a.country_code
	   WHERE e.id = ANY (p_event_ids) AND e.deleted_at IS NULL
	  UNION
	  SELECT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
	    FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
	    JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
	   WHERE e.id = ANY (p_event_ids) AND e.deleted_at IS NULL
	ON CONFLICT DO NOTHING;
$$;
--> statement-breakpoint
-- Whether an actor is one of the organisations that are a side of the relations board.
CREATE FUNCTION tracker_is_relation_organisation(p_entity_id integer) RETURNS boolean LANGUAGE sql AS $$
	SELECT EXISTS (SELECT 1 FROM entities n JOIN relation_organisations o ON o.name = n.name WHERE n.id = p_entity_id)
$$;
--> statement-breakpoint
-- event_countries ------------------------------------------------------------------------------
-- A new row: count what it holds as inserted, then take its event's facts and mark the first role
-- of its (event, value) (the update trigger moves the counts).
CREATE FUNCTION event_countries_derived_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_count_country(NEW.event_visibility, NEW.role, NEW.event_type, NEW.country_code, NEW.first_role, 1);
	UPDATE event_countries SET (event_visibility, event_type, event_date, event_date_precision) =
	  (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision FROM events e WHERE e.id = NEW.event_id)
	 WHERE event_id = NEW.event_id AND country_code = NEW.country_code AND role = NEW.role;
	PERFORM tracker_countries_first_role(NEW.event_id, NEW.country_code);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_countries_derived_insert AFTER INSERT ON event_countries FOR EACH ROW EXECUTE FUNCTION event_countries_derived_insert();
--> statement-breakpoint
CREATE FUNCTION event_countries_derived_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_count_country(OLD.event_visibility, OLD.role, OLD.event_type, OLD.country_code, OLD.first_role, -1);
	PERFORM tracker_countries_first_role(OLD.event_id, OLD.country_code);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_countries_derived_delete AFTER DELETE ON event_countries FOR EACH ROW EXECUTE FUNCTION event_countries_derived_delete();
--> statement-breakpoint
CREATE FUNCTION event_countries_derived_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_count_country(OLD.event_visibility, OLD.role, OLD.event_type, OLD.country_code, OLD.first_role, -1);
	PERFORM tracker_count_country(NEW.event_visibility, NEW.role, NEW.event_type, NEW.country_code, NEW.first_role, 1);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_countries_derived_update AFTER UPDATE ON event_countries FOR EACH ROW
 WHEN (OLD.event_visibility IS DISTINCT FROM NEW.event_visibility OR OLD.event_type IS DISTINCT FROM NEW.event_type OR OLD.first_role IS DISTINCT FROM NEW.first_role
   OR OLD.country_code IS DISTINCT FROM NEW.country_code OR OLD.role IS DISTINCT FROM NEW.role)
 EXECUTE FUNCTION event_countries_derived_update();
--> statement-breakpoint
-- A row moved to another (event, value) (an actor merge re-points rows): both groups' first roles.
CREATE FUNCTION event_countries_derived_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_countries_first_role(OLD.event_id, OLD.country_code);
	PERFORM tracker_countries_first_role(NEW.event_id, NEW.country_code);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_countries_derived_move AFTER UPDATE OF event_id, country_code, role ON event_countries FOR EACH ROW EXECUTE FUNCTION event_countries_derived_move();
--> statement-breakpoint
-- event_entities -------------------------------------------------------------------------------
CREATE FUNCTION event_entities_derived_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_count_actor(NEW.event_visibility, NEW.event_type, NEW.entity_id, NEW.first_role, 1);
	UPDATE event_entities SET (event_visibility, event_type, event_date, event_date_precision) =
	  (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision FROM events e WHERE e.id = NEW.event_id)
	 WHERE event_id = NEW.event_id AND entity_id = NEW.entity_id AND role = NEW.role;
	PERFORM tracker_entities_first_role(NEW.event_id, NEW.entity_id);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_entities_derived_insert AFTER INSERT ON event_entities FOR EACH ROW EXECUTE FUNCTION event_entities_derived_insert();
--> statement-breakpoint
CREATE FUNCTION event_entities_derived_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_count_actor(OLD.event_visibility, OLD.event_type, OLD.entity_id, OLD.first_role, -1);
	PERFORM tracker_entities_first_role(OLD.event_id, OLD.entity_id);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_entities_derived_delete AFTER DELETE ON event_entities FOR EACH ROW EXECUTE FUNCTION event_entities_derived_delete();
--> statement-breakpoint
CREATE FUNCTION event_entities_derived_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_count_actor(OLD.event_visibility, OLD.event_type, OLD.entity_id, OLD.first_role, -1);
	PERFORM tracker_count_actor(NEW.event_visibility, NEW.event_type, NEW.entity_id, NEW.first_role, 1);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_entities_derived_update AFTER UPDATE ON event_entities FOR EACH ROW
 WHEN (OLD.event_visibility IS DISTINCT FROM NEW.event_visibility OR OLD.event_type IS DISTINCT FROM NEW.event_type OR OLD.first_role IS DISTINCT FROM NEW.first_role
   OR OLD.entity_id IS DISTINCT FROM NEW.entity_id)
 EXECUTE FUNCTION event_entities_derived_update();
--> statement-breakpoint
CREATE FUNCTION event_entities_derived_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_entities_first_role(OLD.event_id, OLD.entity_id);
	PERFORM tracker_entities_first_role(NEW.event_id, NEW.entity_id);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_entities_derived_move AFTER UPDATE OF event_id, entity_id, role ON event_entities FOR EACH ROW EXECUTE FUNCTION event_entities_derived_move();
--> statement-breakpoint
-- event_tags -----------------------------------------------------------------------------------
CREATE FUNCTION event_tags_derived_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_count_tag(NEW.event_visibility, NEW.event_type, NEW.tag_id, 1);
	UPDATE event_tags SET (event_visibility, event_type, event_date, event_date_precision) =
	  (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision FROM events e WHERE e.id = NEW.event_id)
	 WHERE event_id = NEW.event_id AND tag_id = NEW.tag_id;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_tags_derived_insert AFTER INSERT ON event_tags FOR EACH ROW EXECUTE FUNCTION event_tags_derived_insert();
--> statement-breakpoint
CREATE FUNCTION event_tags_derived_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_count_tag(OLD.event_visibility, OLD.event_type, OLD.tag_id, -1);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_tags_derived_delete AFTER DELETE ON event_tags FOR EACH ROW EXECUTE FUNCTION event_tags_derived_delete();
--> statement-breakpoint
CREATE FUNCTION event_tags_derived_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_count_tag(OLD.event_visibility, OLD.event_type, OLD.tag_id, -1);
	PERFORM tracker_count_tag(NEW.event_visibility, NEW.event_type, NEW.tag_id, 1);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_tags_derived_update AFTER UPDATE ON event_tags FOR EACH ROW
 WHEN (OLD.event_visibility IS DISTINCT FROM NEW.event_visibility OR OLD.event_type IS DISTINCT FROM NEW.event_type OR OLD.tag_id IS DISTINCT FROM NEW.tag_id)
 EXECUTE FUNCTION event_tags_derived_update();
--> statement-breakpoint
-- events ---------------------------------------------------------------------------------------
CREATE FUNCTION events_derived_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_count_event(NEW.deleted_at, NEW.status, NEW.date, NEW.date_precision, NEW.type, NEW.legal_authority, NEW.program, 1);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_derived_insert AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_derived_insert();
--> statement-breakpoint
-- BEFORE: the junction rows that a hard delete cascades to uncount themselves. (Returns OLD: a
-- BEFORE DELETE trigger that returned NULL would cancel the delete.)
CREATE FUNCTION events_derived_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_count_event(OLD.deleted_at, OLD.status, OLD.date, OLD.date_precision, OLD.type, OLD.legal_authority, OLD.program, -1);
	RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_derived_delete BEFORE DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_derived_delete();
--> statement-breakpoint
CREATE FUNCTION events_derived_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_count_event(OLD.deleted_at, OLD.status, OLD.date, OLD.date_precision, OLD.type, OLD.legal_authority, OLD.program, -1);
	PERFORM tracker_count_event(NEW.deleted_at, NEW.status, NEW.date, NEW.date_precision, NEW.type, NEW.legal_authority, NEW.program, 1);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_derived_update AFTER UPDATE OF status, deleted_at, type, date, date_precision, legal_authority, program ON events FOR EACH ROW
 WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.type IS DISTINCT FROM NEW.type OR OLD.date IS DISTINCT FROM NEW.date
   OR OLD.date_precision IS DISTINCT FROM NEW.date_precision OR OLD.legal_authority IS DISTINCT FROM NEW.legal_authority OR OLD.program IS DISTINCT FROM NEW.program)
 EXECUTE FUNCTION events_derived_update();
--> statement-breakpoint
-- The event's facts, copied onto its junction rows (whose own triggers then move the counts).
CREATE FUNCTION events_derived_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE event_countries SET (event_visibility, event_type, event_date, event_date_precision) =
	  (CASE WHEN NEW.deleted_at IS NOT NULL THEN 'deleted' ELSE NEW.status END, NEW.type, NEW.date, NEW.date_precision)
	 WHERE event_id = NEW.id;
	UPDATE event_entities SET (event_visibility, event_type, event_date, event_date_precision) =
	  (CASE WHEN NEW.deleted_at IS NOT NULL THEN 'deleted' ELSE NEW.status END, NEW.type, NEW.date, NEW.date_precision)
	 WHERE event_id = NEW.id;
	UPDATE event_tags SET (event_visibility, event_type, event_date, event_date_precision) =
	  (CASE WHEN NEW.deleted_at IS NOT NULL THEN 'deleted' ELSE NEW.status END, NEW.type, NEW.date, NEW.date_precision)
	 WHERE event_id = NEW.id;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_derived_facts AFTER UPDATE OF status, deleted_at, type, date, date_precision ON events FOR EACH ROW
 WHEN ((CASE WHEN OLD.deleted_at IS NOT NULL THEN 'deleted' ELSE OLD.status END) IS DISTINCT FROM (CASE WHEN NEW.deleted_at IS NOT NULL THEN 'deleted' ELSE NEW.status END)
   OR OLD.type IS DISTINCT FROM NEW.type OR OLD.date IS DISTINCT FROM NEW.date OR OLD.date_precision IS DISTINCT FROM NEW.date_precision)
 EXECUTE FUNCTION events_derived_facts();
--> statement-breakpoint
-- event_pairs (SQLite's 0016) ------------------------------------------------------------------
-- A country added to, removed from or moved between events: the event's rows afresh.
CREATE FUNCTION event_countries_pairs_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_event_pairs_refresh(ARRAY[NEW.event_id]);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_countries_pairs_insert AFTER INSERT ON event_countries FOR EACH ROW EXECUTE FUNCTION event_countries_pairs_insert();
--> statement-breakpoint
CREATE FUNCTION event_countries_pairs_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_event_pairs_refresh(ARRAY[OLD.event_id]);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_countries_pairs_delete AFTER DELETE ON event_countries FOR EACH ROW EXECUTE FUNCTION event_countries_pairs_delete();
--> statement-breakpoint
CREATE FUNCTION event_countries_pairs_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_event_pairs_refresh(ARRAY[OLD.event_id]);
	PERFORM tracker_event_pairs_refresh(ARRAY[NEW.event_id]);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_countries_pairs_move AFTER UPDATE OF event_id, country_code ON event_countries FOR EACH ROW EXECUTE FUNCTION event_countries_pairs_move();
--> statement-breakpoint
-- The same for an organisation among the actors (other actors are no side of a standing).
CREATE FUNCTION event_entities_pairs_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF tracker_is_relation_organisation(NEW.entity_id) THEN
		PERFORM tracker_event_pairs_refresh(ARRAY[NEW.event_id]);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_entities_pairs_insert AFTER INSERT ON event_entities FOR EACH ROW EXECUTE FUNCTION event_entities_pairs_insert();
--> statement-breakpoint
CREATE FUNCTION event_entities_pairs_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF tracker_is_relation_organisation(OLD.entity_id) THEN
		PERFORM tracker_event_pairs_refresh(ARRAY[OLD.event_id]);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_entities_pairs_delete AFTER DELETE ON event_entities FOR EACH ROW EXECUTE FUNCTION event_entities_pairs_delete();
--> statement-breakpoint
CREATE FUNCTION event_entities_pairs_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF tracker_is_relation_organisation(OLD.entity_id) OR tracker_is_relation_organisation(NEW.entity_id) THEN
		PERFORM tracker_event_pairs_refresh(ARRAY[OLD.event_id]);
		PERFORM tracker_event_pairs_refresh(ARRAY[NEW.event_id]);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_entities_pairs_move AFTER UPDATE OF event_id, entity_id ON event_entities FOR EACH ROW EXECUTE FUNCTION event_entities_pairs_move();
--> statement-breakpoint
-- The event's visibility, date, precision, type or title changed (deleted: its rows go).
CREATE FUNCTION events_pairs_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM tracker_event_pairs_refresh(ARRAY[NEW.id]);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_pairs_facts AFTER UPDATE OF status, deleted_at, type, date, date_precision, title ON events FOR EACH ROW
 WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.type IS DISTINCT FROM NEW.type OR OLD.date IS DISTINCT FROM NEW.date
   OR OLD.date_precision IS DISTINCT FROM NEW.date_precision OR OLD.title IS DISTINCT FROM NEW.title)
 EXECUTE FUNCTION events_pairs_facts();
--> statement-breakpoint
-- A hard delete (its junction rows cascade; their triggers then find no event).
CREATE FUNCTION events_pairs_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM event_pairs WHERE event_id = OLD.id;
	RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_pairs_delete BEFORE DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_pairs_delete();
--> statement-breakpoint
-- An actor renamed to or from an organisation's name: the rows of its events afresh.
CREATE FUNCTION entities_pairs_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.name IN (SELECT name FROM relation_organisations) OR NEW.name IN (SELECT name FROM relation_organisations) THEN
		PERFORM tracker_event_pairs_refresh(ARRAY(SELECT event_id FROM event_entities WHERE entity_id = NEW.id));
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER entities_pairs_rename AFTER UPDATE OF name ON entities FOR EACH ROW
 WHEN (OLD.name IS DISTINCT FROM NEW.name)
 EXECUTE FUNCTION entities_pairs_rename();
