-- The timeline's events between two sides, maintained for the relations board (issue 12,
-- decision 0036): one row per (country, other side, event) for every live event, the other side
-- being another country of the event or an organisation among its actors (relation_organisations
-- names them as ORGANISATION_NAMES in lib/relations/regions.ts does). The board counts and lists
-- each side's events from one range of the primary key instead of joining each of the
-- counterpart's events with its other countries.
-- WITHOUT ROWID (drizzle-kit cannot declare it): clustered on (country, side, date, event).
-- Triggers rewrite an event's rows from the base tables (events, event_countries, event_entities,
-- entities) whenever one of them changes what the rows hold, whoever writes; they read the events
-- row itself, not the facts copied onto the junction rows, so the order in which SQLite fires them
-- next to the triggers of migration 0005 does not matter.
CREATE TABLE `event_pairs` (
	`country` text NOT NULL,
	`side` text NOT NULL,
	`event_date` text NOT NULL,
	`event_id` integer NOT NULL,
	`event_visibility` text NOT NULL,
	`event_date_precision` text NOT NULL,
	`event_type` text NOT NULL,
	`event_title` text NOT NULL,
	PRIMARY KEY(`country`, `side`, `event_date`, `event_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `event_pairs_event_idx` ON `event_pairs` (`event_id`);--> statement-breakpoint
CREATE TABLE `relation_organisations` (
	`key` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `relation_organisations` (`key`, `name`) VALUES
  ('arab-league', 'Arab League'),
  ('gcc', 'Gulf Cooperation Council'),
  ('oic', 'Organisation of Islamic Cooperation'),
  ('african-union', 'African Union'),
  ('eu', 'European Union'),
  ('un', 'United Nations'),
  ('nato', 'NATO'),
  ('opec', 'OPEC');
--> statement-breakpoint
-- Backfill, from the facts copied onto the junction rows (index order, one row per (event, value)).
INSERT INTO `event_pairs` (country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title)
  SELECT country, side, event_date, event_id, event_visibility, event_date_precision, event_type, (SELECT title FROM events WHERE id = p.event_id)
    FROM (
      SELECT a.country_code AS country, b.country_code AS side, a.event_date, a.event_id, a.event_visibility, a.event_date_precision, a.event_type
        FROM event_countries a JOIN event_countries b ON b.event_id = a.event_id AND b.first_role AND b.country_code <> a.country_code
       WHERE a.first_role AND a.event_visibility IN ('published', 'draft')
      UNION
      SELECT a.country_code, o.key, a.event_date, a.event_id, a.event_visibility, a.event_date_precision, a.event_type
        FROM relation_organisations o JOIN entities n ON n.name = o.name JOIN event_entities b ON b.entity_id = n.id AND b.first_role
        JOIN event_countries a ON a.event_id = b.event_id AND a.first_role
       WHERE a.event_visibility IN ('published', 'draft')
    ) p
   ORDER BY country, side, event_date, event_id;
--> statement-breakpoint
-- A country added to, removed from or moved between events: the event's rows afresh.
CREATE TRIGGER `event_countries_pairs_insert` AFTER INSERT ON `event_countries`
BEGIN
  DELETE FROM event_pairs WHERE event_id = NEW.event_id;
  INSERT OR IGNORE INTO event_pairs (country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title)
    SELECT a.country_code, b.country_code, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id AND b.country_code <> a.country_code
     WHERE e.id = NEW.event_id AND e.deleted_at IS NULL
    UNION
    SELECT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
      JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
     WHERE e.id = NEW.event_id AND e.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `event_countries_pairs_delete` AFTER DELETE ON `event_countries`
BEGIN
  DELETE FROM event_pairs WHERE event_id = OLD.event_id;
  INSERT OR IGNORE INTO event_pairs (country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title)
    SELECT a.country_code, b.country_code, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id AND b.country_code <> a.country_code
     WHERE e.id = OLD.event_id AND e.deleted_at IS NULL
    UNION
    SELECT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
      JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
     WHERE e.id = OLD.event_id AND e.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `event_countries_pairs_move` AFTER UPDATE OF event_id, country_code ON `event_countries`
BEGIN
  DELETE FROM event_pairs WHERE event_id = OLD.event_id;
  INSERT OR IGNORE INTO event_pairs (country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title)
    SELECT a.country_code, b.country_code, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id AND b.country_code <> a.country_code
     WHERE e.id = OLD.event_id AND e.deleted_at IS NULL
    UNION
    SELECT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
      JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
     WHERE e.id = OLD.event_id AND e.deleted_at IS NULL;
  DELETE FROM event_pairs WHERE event_id = NEW.event_id;
  INSERT OR IGNORE INTO event_pairs (country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title)
    SELECT a.country_code, b.country_code, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id AND b.country_code <> a.country_code
     WHERE e.id = NEW.event_id AND e.deleted_at IS NULL
    UNION
    SELECT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
      JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
     WHERE e.id = NEW.event_id AND e.deleted_at IS NULL;
END;
--> statement-breakpoint
-- The same for an organisation among the actors (other actors are no side of a standing).
CREATE TRIGGER `event_entities_pairs_insert` AFTER INSERT ON `event_entities`
 WHEN EXISTS (SELECT 1 FROM entities n JOIN relation_organisations o ON o.name = n.name WHERE n.id = NEW.entity_id)
BEGIN
  DELETE FROM event_pairs WHERE event_id = NEW.event_id;
  INSERT OR IGNORE INTO event_pairs (country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title)
    SELECT a.country_code, b.country_code, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id AND b.country_code <> a.country_code
     WHERE e.id = NEW.event_id AND e.deleted_at IS NULL
    UNION
    SELECT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
      JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
     WHERE e.id = NEW.event_id AND e.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `event_entities_pairs_delete` AFTER DELETE ON `event_entities`
 WHEN EXISTS (SELECT 1 FROM entities n JOIN relation_organisations o ON o.name = n.name WHERE n.id = OLD.entity_id)
BEGIN
  DELETE FROM event_pairs WHERE event_id = OLD.event_id;
  INSERT OR IGNORE INTO event_pairs (country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title)
    SELECT a.country_code, b.country_code, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id AND b.country_code <> a.country_code
     WHERE e.id = OLD.event_id AND e.deleted_at IS NULL
    UNION
    SELECT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
      JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
     WHERE e.id = OLD.event_id AND e.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `event_entities_pairs_move` AFTER UPDATE OF event_id, entity_id ON `event_entities`
 WHEN EXISTS (SELECT 1 FROM entities n JOIN relation_organisations o ON o.name = n.name WHERE n.id = OLD.entity_id) OR EXISTS (SELECT 1 FROM entities n JOIN relation_organisations o ON o.name = n.name WHERE n.id = NEW.entity_id)
BEGIN
  DELETE FROM event_pairs WHERE event_id = OLD.event_id;
  INSERT OR IGNORE INTO event_pairs (country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title)
    SELECT a.country_code, b.country_code, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id AND b.country_code <> a.country_code
     WHERE e.id = OLD.event_id AND e.deleted_at IS NULL
    UNION
    SELECT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
      JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
     WHERE e.id = OLD.event_id AND e.deleted_at IS NULL;
  DELETE FROM event_pairs WHERE event_id = NEW.event_id;
  INSERT OR IGNORE INTO event_pairs (country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title)
    SELECT a.country_code, b.country_code, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id AND b.country_code <> a.country_code
     WHERE e.id = NEW.event_id AND e.deleted_at IS NULL
    UNION
    SELECT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
      JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
     WHERE e.id = NEW.event_id AND e.deleted_at IS NULL;
END;
--> statement-breakpoint
-- The event's visibility, date, precision, type or title changed (deleted: its rows go).
CREATE TRIGGER `events_pairs_facts` AFTER UPDATE OF status, deleted_at, type, date, date_precision, title ON `events`
 WHEN OLD.status IS NOT NEW.status OR OLD.deleted_at IS NOT NEW.deleted_at OR OLD.type IS NOT NEW.type OR OLD.date IS NOT NEW.date OR OLD.date_precision IS NOT NEW.date_precision OR OLD.title IS NOT NEW.title
BEGIN
  DELETE FROM event_pairs WHERE event_id = NEW.id;
  INSERT OR IGNORE INTO event_pairs (country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title)
    SELECT a.country_code, b.country_code, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id AND b.country_code <> a.country_code
     WHERE e.id = NEW.id AND e.deleted_at IS NULL
    UNION
    SELECT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
      JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
     WHERE e.id = NEW.id AND e.deleted_at IS NULL;
END;
--> statement-breakpoint
-- A hard delete (its junction rows cascade; their triggers then find no event).
CREATE TRIGGER `events_pairs_delete` BEFORE DELETE ON `events`
BEGIN
  DELETE FROM event_pairs WHERE event_id = OLD.id;
END;
--> statement-breakpoint
-- An actor renamed to or from an organisation's name: the rows of its events afresh.
CREATE TRIGGER `entities_pairs_rename` AFTER UPDATE OF name ON `entities`
 WHEN OLD.name IS NOT NEW.name AND (OLD.name IN (SELECT name FROM relation_organisations) OR NEW.name IN (SELECT name FROM relation_organisations))
BEGIN
  DELETE FROM event_pairs WHERE event_id IN (SELECT event_id FROM event_entities WHERE entity_id = NEW.id);
  INSERT OR IGNORE INTO event_pairs (country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title)
    SELECT a.country_code, b.country_code, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id AND b.country_code <> a.country_code
     WHERE e.id IN (SELECT event_id FROM event_entities WHERE entity_id = NEW.id) AND e.deleted_at IS NULL
    UNION
    SELECT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
      FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
      JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
     WHERE e.id IN (SELECT event_id FROM event_entities WHERE entity_id = NEW.id) AND e.deleted_at IS NULL;
END;
