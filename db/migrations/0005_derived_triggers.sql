-- Derived data for fast counts (docs/performance.md, docs/decisions/0010-derived-counts.md):
--  * each row of event_countries, event_entities and event_tags carries a copy of its event's
--    visibility ('published', 'draft', 'deleted'), type, date and date precision, and
--    (countries, actors) a first_role flag on one row per (event, value);
--  * facet_counts and event_month_counts hold the counts of the published timeline.
-- Triggers keep all of it in step inside the transaction of every write, whoever writes.
-- First the existing rows are brought in line; the triggers are created last.
UPDATE `event_countries` SET (`event_visibility`, `event_type`, `event_date`, `event_date_precision`) =
  (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision
     FROM events e WHERE e.id = event_countries.event_id);
--> statement-breakpoint
UPDATE `event_entities` SET (`event_visibility`, `event_type`, `event_date`, `event_date_precision`) =
  (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision
     FROM events e WHERE e.id = event_entities.event_id);
--> statement-breakpoint
UPDATE `event_tags` SET (`event_visibility`, `event_type`, `event_date`, `event_date_precision`) =
  (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision
     FROM events e WHERE e.id = event_tags.event_id);
--> statement-breakpoint
UPDATE `event_countries` SET `first_role` = (role = (SELECT min(x.role) FROM event_countries x
  WHERE x.event_id = event_countries.event_id AND x.country_code = event_countries.country_code));
--> statement-breakpoint
UPDATE `event_entities` SET `first_role` = (role = (SELECT min(x.role) FROM event_entities x
  WHERE x.event_id = event_entities.event_id AND x.entity_id = event_entities.entity_id));
--> statement-breakpoint
INSERT INTO `facet_counts` (facet, value, n)
  SELECT 'country:' || role, country_code, count(*) FROM event_countries WHERE event_visibility = 'published' GROUP BY role, country_code;
--> statement-breakpoint
INSERT INTO `facet_counts` (facet, value, n)
  SELECT 'country', country_code, count(*) FROM event_countries WHERE event_visibility = 'published' AND first_role GROUP BY country_code;
--> statement-breakpoint
INSERT INTO `facet_counts` (facet, value, n)
  SELECT 'actor', CAST(entity_id AS TEXT), count(*) FROM event_entities WHERE event_visibility = 'published' AND first_role GROUP BY entity_id;
--> statement-breakpoint
INSERT INTO `facet_counts` (facet, value, n)
  SELECT 'tag', CAST(tag_id AS TEXT), count(*) FROM event_tags WHERE event_visibility = 'published' GROUP BY tag_id;
--> statement-breakpoint
INSERT INTO `facet_counts` (facet, value, n)
  SELECT 'authority', legal_authority, count(*) FROM events
   WHERE deleted_at IS NULL AND status = 'published' AND legal_authority IS NOT NULL GROUP BY legal_authority;
--> statement-breakpoint
INSERT INTO `facet_counts` (facet, value, n)
  SELECT 'program', program, count(*) FROM events
   WHERE deleted_at IS NULL AND status = 'published' AND program IS NOT NULL GROUP BY program;
--> statement-breakpoint
INSERT INTO `event_month_counts` (month, date_precision, type, n)
  SELECT substr(date, 1, 7), date_precision, type, count(*) FROM events
   WHERE deleted_at IS NULL AND status = 'published' GROUP BY 1, 2, 3;
--> statement-breakpoint
-- A new event_countries row: count what it holds as inserted, take its event's facts, and mark the first role of its (event, value).
CREATE TRIGGER `event_countries_derived_insert` AFTER INSERT ON `event_countries` BEGIN
  INSERT INTO facet_counts (facet, value, n) SELECT 'country:' || NEW.role, NEW.country_code, 1 WHERE NEW.event_visibility = 'published'
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'country', NEW.country_code, 1 WHERE NEW.event_visibility = 'published' AND NEW.first_role
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  UPDATE event_countries SET (event_visibility, event_type, event_date, event_date_precision) =
    (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision
       FROM events e WHERE e.id = NEW.event_id)
   WHERE event_id = NEW.event_id AND country_code = NEW.country_code AND role = NEW.role;
  UPDATE event_countries SET first_role = NOT first_role
   WHERE event_id = NEW.event_id AND country_code = NEW.country_code
     AND first_role <> (role = (SELECT min(x.role) FROM event_countries x WHERE x.event_id = NEW.event_id AND x.country_code = NEW.country_code));
END;
--> statement-breakpoint
CREATE TRIGGER `event_countries_derived_delete` AFTER DELETE ON `event_countries` BEGIN
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND facet = 'country:' || OLD.role AND value = OLD.country_code;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND OLD.first_role AND facet = 'country' AND value = OLD.country_code;
  UPDATE event_countries SET first_role = NOT first_role
   WHERE event_id = OLD.event_id AND country_code = OLD.country_code
     AND first_role <> (role = (SELECT min(x.role) FROM event_countries x WHERE x.event_id = OLD.event_id AND x.country_code = OLD.country_code));
END;
--> statement-breakpoint
CREATE TRIGGER `event_countries_derived_update` AFTER UPDATE ON `event_countries` WHEN OLD.event_visibility IS NOT NEW.event_visibility OR OLD.first_role IS NOT NEW.first_role OR OLD.country_code IS NOT NEW.country_code OR OLD.role IS NOT NEW.role BEGIN
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND facet = 'country:' || OLD.role AND value = OLD.country_code;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND OLD.first_role AND facet = 'country' AND value = OLD.country_code;
  INSERT INTO facet_counts (facet, value, n) SELECT 'country:' || NEW.role, NEW.country_code, 1 WHERE NEW.event_visibility = 'published'
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'country', NEW.country_code, 1 WHERE NEW.event_visibility = 'published' AND NEW.first_role
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- A row moved to another (event, value) (an actor merge re-points rows): both groups' first roles.
CREATE TRIGGER `event_countries_derived_move` AFTER UPDATE OF event_id, country_code, role ON `event_countries` BEGIN
  UPDATE event_countries SET first_role = NOT first_role
   WHERE event_id = OLD.event_id AND country_code = OLD.country_code
     AND first_role <> (role = (SELECT min(x.role) FROM event_countries x WHERE x.event_id = OLD.event_id AND x.country_code = OLD.country_code));
  UPDATE event_countries SET first_role = NOT first_role
   WHERE event_id = NEW.event_id AND country_code = NEW.country_code
     AND first_role <> (role = (SELECT min(x.role) FROM event_countries x WHERE x.event_id = NEW.event_id AND x.country_code = NEW.country_code));
END;
--> statement-breakpoint
-- A new event_entities row: count what it holds as inserted, take its event's facts, and mark the first role of its (event, value).
CREATE TRIGGER `event_entities_derived_insert` AFTER INSERT ON `event_entities` BEGIN
  INSERT INTO facet_counts (facet, value, n) SELECT 'actor', CAST(NEW.entity_id AS TEXT), 1 WHERE NEW.event_visibility = 'published' AND NEW.first_role
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  UPDATE event_entities SET (event_visibility, event_type, event_date, event_date_precision) =
    (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision
       FROM events e WHERE e.id = NEW.event_id)
   WHERE event_id = NEW.event_id AND entity_id = NEW.entity_id AND role = NEW.role;
  UPDATE event_entities SET first_role = NOT first_role
   WHERE event_id = NEW.event_id AND entity_id = NEW.entity_id
     AND first_role <> (role = (SELECT min(x.role) FROM event_entities x WHERE x.event_id = NEW.event_id AND x.entity_id = NEW.entity_id));
END;
--> statement-breakpoint
CREATE TRIGGER `event_entities_derived_delete` AFTER DELETE ON `event_entities` BEGIN
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND OLD.first_role AND facet = 'actor' AND value = CAST(OLD.entity_id AS TEXT);
  UPDATE event_entities SET first_role = NOT first_role
   WHERE event_id = OLD.event_id AND entity_id = OLD.entity_id
     AND first_role <> (role = (SELECT min(x.role) FROM event_entities x WHERE x.event_id = OLD.event_id AND x.entity_id = OLD.entity_id));
END;
--> statement-breakpoint
CREATE TRIGGER `event_entities_derived_update` AFTER UPDATE ON `event_entities` WHEN OLD.event_visibility IS NOT NEW.event_visibility OR OLD.first_role IS NOT NEW.first_role OR OLD.entity_id IS NOT NEW.entity_id BEGIN
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND OLD.first_role AND facet = 'actor' AND value = CAST(OLD.entity_id AS TEXT);
  INSERT INTO facet_counts (facet, value, n) SELECT 'actor', CAST(NEW.entity_id AS TEXT), 1 WHERE NEW.event_visibility = 'published' AND NEW.first_role
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- A row moved to another (event, value) (an actor merge re-points rows): both groups' first roles.
CREATE TRIGGER `event_entities_derived_move` AFTER UPDATE OF event_id, entity_id, role ON `event_entities` BEGIN
  UPDATE event_entities SET first_role = NOT first_role
   WHERE event_id = OLD.event_id AND entity_id = OLD.entity_id
     AND first_role <> (role = (SELECT min(x.role) FROM event_entities x WHERE x.event_id = OLD.event_id AND x.entity_id = OLD.entity_id));
  UPDATE event_entities SET first_role = NOT first_role
   WHERE event_id = NEW.event_id AND entity_id = NEW.entity_id
     AND first_role <> (role = (SELECT min(x.role) FROM event_entities x WHERE x.event_id = NEW.event_id AND x.entity_id = NEW.entity_id));
END;
--> statement-breakpoint
-- A new event_tags row: count what it holds as inserted, take its event's facts.
CREATE TRIGGER `event_tags_derived_insert` AFTER INSERT ON `event_tags` BEGIN
  INSERT INTO facet_counts (facet, value, n) SELECT 'tag', CAST(NEW.tag_id AS TEXT), 1 WHERE NEW.event_visibility = 'published'
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  UPDATE event_tags SET (event_visibility, event_type, event_date, event_date_precision) =
    (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision
       FROM events e WHERE e.id = NEW.event_id)
   WHERE event_id = NEW.event_id AND tag_id = NEW.tag_id;
END;
--> statement-breakpoint
CREATE TRIGGER `event_tags_derived_delete` AFTER DELETE ON `event_tags` BEGIN
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND facet = 'tag' AND value = CAST(OLD.tag_id AS TEXT);
END;
--> statement-breakpoint
CREATE TRIGGER `event_tags_derived_update` AFTER UPDATE ON `event_tags` WHEN OLD.event_visibility IS NOT NEW.event_visibility OR OLD.tag_id IS NOT NEW.tag_id BEGIN
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND facet = 'tag' AND value = CAST(OLD.tag_id AS TEXT);
  INSERT INTO facet_counts (facet, value, n) SELECT 'tag', CAST(NEW.tag_id AS TEXT), 1 WHERE NEW.event_visibility = 'published'
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `events_derived_insert` AFTER INSERT ON `events` BEGIN
  INSERT INTO event_month_counts (month, date_precision, type, n)
    SELECT substr(NEW.date, 1, 7), NEW.date_precision, NEW.type, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published'
    ON CONFLICT (month, date_precision, type) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'authority', NEW.legal_authority, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published' AND NEW.legal_authority IS NOT NULL
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'program', NEW.program, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published' AND NEW.program IS NOT NULL
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- BEFORE: the junction rows that a hard delete cascades to uncount themselves.
CREATE TRIGGER `events_derived_delete` BEFORE DELETE ON `events` BEGIN
  UPDATE event_month_counts SET n = n - 1
   WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND month = substr(OLD.date, 1, 7) AND date_precision = OLD.date_precision AND type = OLD.type;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND OLD.legal_authority IS NOT NULL AND facet = 'authority' AND value = OLD.legal_authority;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND OLD.program IS NOT NULL AND facet = 'program' AND value = OLD.program;
END;
--> statement-breakpoint
CREATE TRIGGER `events_derived_update` AFTER UPDATE OF status, deleted_at, type, date, date_precision, legal_authority, program ON `events`
 WHEN OLD.status IS NOT NEW.status OR OLD.deleted_at IS NOT NEW.deleted_at OR OLD.type IS NOT NEW.type OR OLD.date IS NOT NEW.date OR OLD.date_precision IS NOT NEW.date_precision OR OLD.legal_authority IS NOT NEW.legal_authority OR OLD.program IS NOT NEW.program
BEGIN
  UPDATE event_month_counts SET n = n - 1
   WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND month = substr(OLD.date, 1, 7) AND date_precision = OLD.date_precision AND type = OLD.type;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND OLD.legal_authority IS NOT NULL AND facet = 'authority' AND value = OLD.legal_authority;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND OLD.program IS NOT NULL AND facet = 'program' AND value = OLD.program;
  INSERT INTO event_month_counts (month, date_precision, type, n)
    SELECT substr(NEW.date, 1, 7), NEW.date_precision, NEW.type, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published'
    ON CONFLICT (month, date_precision, type) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'authority', NEW.legal_authority, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published' AND NEW.legal_authority IS NOT NULL
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'program', NEW.program, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published' AND NEW.program IS NOT NULL
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- The event's facts, copied onto its junction rows (whose own triggers then move the counts).
CREATE TRIGGER `events_derived_facts` AFTER UPDATE OF status, deleted_at, type, date, date_precision ON `events`
 WHEN (CASE WHEN OLD.deleted_at IS NOT NULL THEN 'deleted' ELSE OLD.status END) IS NOT (CASE WHEN NEW.deleted_at IS NOT NULL THEN 'deleted' ELSE NEW.status END) OR OLD.type IS NOT NEW.type OR OLD.date IS NOT NEW.date
   OR OLD.date_precision IS NOT NEW.date_precision
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
END;
