-- Derived data for fast counts (docs/performance.md, docs/decisions/0010-derived-counts.md):
--  * the junction tables become WITHOUT ROWID tables clustered on their primary key (event first),
--    so that reading an event's countries, actors or tags with their copied facts is one seek;
--  * each of their rows carries a copy of its event's visibility ('published', 'draft',
--    'deleted'), type, date and date precision, and (countries, actors) a first_role flag on one
--    row per (event, value);
--  * facet_counts and event_month_counts hold the counts of the published timeline, per value and
--    per value and event type (facet 'actor@designation').
-- Triggers keep all of it in step inside the transaction of every write, whoever writes.
-- drizzle-kit cannot declare WITHOUT ROWID: a migration it generates that rebuilds one of these
-- tables must keep the clause (see the note in db/schema.ts).
CREATE TABLE `__new_event_countries` (
	`event_id` integer NOT NULL,
	`country_code` text NOT NULL,
	`role` text NOT NULL,
	`event_visibility` text DEFAULT '' NOT NULL,
	`event_type` text DEFAULT '' NOT NULL,
	`event_date` text DEFAULT '' NOT NULL,
	`event_date_precision` text DEFAULT '' NOT NULL,
	`first_role` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`event_id`, `country_code`, `role`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "event_countries_code_check" CHECK(country_code GLOB '[A-Z][A-Z]'),
	CONSTRAINT "event_countries_role_check" CHECK(role IN ('actor', 'target', 'location'))
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_event_countries` (event_id, country_code, role) SELECT event_id, country_code, role FROM `event_countries`;
--> statement-breakpoint
DROP TABLE `event_countries`;
--> statement-breakpoint
ALTER TABLE `__new_event_countries` RENAME TO `event_countries`;
--> statement-breakpoint
CREATE INDEX `event_countries_lookup_idx` ON `event_countries` (`country_code`,`event_visibility`,`event_id`,`first_role`,`role`,`event_type`,`event_date`,`event_date_precision`);
--> statement-breakpoint
CREATE INDEX `event_countries_scan_idx` ON `event_countries` (`event_visibility`,`event_type`,`event_date`,`country_code`,`event_id`,`first_role`,`role`,`event_date_precision`);
--> statement-breakpoint
CREATE TABLE `__new_event_entities` (
	`event_id` integer NOT NULL,
	`entity_id` integer NOT NULL,
	`role` text NOT NULL,
	`event_visibility` text DEFAULT '' NOT NULL,
	`event_type` text DEFAULT '' NOT NULL,
	`event_date` text DEFAULT '' NOT NULL,
	`event_date_precision` text DEFAULT '' NOT NULL,
	`first_role` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`event_id`, `entity_id`, `role`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "event_entities_role_check" CHECK(role IN ('issuer', 'target', 'subject', 'participant', 'speaker', 'signatory', 'addressee'))
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_event_entities` (event_id, entity_id, role) SELECT event_id, entity_id, role FROM `event_entities`;
--> statement-breakpoint
DROP TABLE `event_entities`;
--> statement-breakpoint
ALTER TABLE `__new_event_entities` RENAME TO `event_entities`;
--> statement-breakpoint
CREATE INDEX `event_entities_lookup_idx` ON `event_entities` (`entity_id`,`event_visibility`,`event_id`,`first_role`,`event_type`,`event_date`,`event_date_precision`);
--> statement-breakpoint
CREATE INDEX `event_entities_scan_idx` ON `event_entities` (`event_visibility`,`event_type`,`event_date`,`entity_id`,`event_id`,`first_role`,`event_date_precision`);
--> statement-breakpoint
CREATE TABLE `__new_event_tags` (
	`event_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	`event_visibility` text DEFAULT '' NOT NULL,
	`event_type` text DEFAULT '' NOT NULL,
	`event_date` text DEFAULT '' NOT NULL,
	`event_date_precision` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`event_id`, `tag_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE restrict
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_event_tags` (event_id, tag_id) SELECT event_id, tag_id FROM `event_tags`;
--> statement-breakpoint
DROP TABLE `event_tags`;
--> statement-breakpoint
ALTER TABLE `__new_event_tags` RENAME TO `event_tags`;
--> statement-breakpoint
CREATE INDEX `event_tags_lookup_idx` ON `event_tags` (`tag_id`,`event_visibility`,`event_id`,`event_type`,`event_date`,`event_date_precision`);
--> statement-breakpoint
CREATE INDEX `event_tags_scan_idx` ON `event_tags` (`event_visibility`,`event_type`,`event_date`,`tag_id`,`event_id`,`event_date_precision`);
--> statement-breakpoint
UPDATE `event_countries` SET (`event_visibility`, `event_type`, `event_date`, `event_date_precision`) =
  (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision FROM events e WHERE e.id = event_countries.event_id);
--> statement-breakpoint
UPDATE `event_entities` SET (`event_visibility`, `event_type`, `event_date`, `event_date_precision`) =
  (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision FROM events e WHERE e.id = event_entities.event_id);
--> statement-breakpoint
UPDATE `event_tags` SET (`event_visibility`, `event_type`, `event_date`, `event_date_precision`) =
  (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision FROM events e WHERE e.id = event_tags.event_id);
--> statement-breakpoint
UPDATE `event_countries` SET `first_role` = (role = (SELECT min(x.role) FROM event_countries x
  WHERE x.event_id = event_countries.event_id AND x.country_code = event_countries.country_code));
--> statement-breakpoint
UPDATE `event_entities` SET `first_role` = (role = (SELECT min(x.role) FROM event_entities x
  WHERE x.event_id = event_entities.event_id AND x.entity_id = event_entities.entity_id));
--> statement-breakpoint
INSERT INTO `facet_counts` (facet, value, n)
  SELECT 'country:' || role, country_code, count(*) FROM event_countries WHERE event_visibility = 'published' GROUP BY role, country_code
  UNION ALL
  SELECT 'country:' || role || '@' || event_type, country_code, count(*) FROM event_countries WHERE event_visibility = 'published' GROUP BY role, country_code, event_type;
--> statement-breakpoint
INSERT INTO `facet_counts` (facet, value, n)
  SELECT 'country', country_code, count(*) FROM event_countries WHERE event_visibility = 'published' AND first_role GROUP BY country_code
  UNION ALL
  SELECT 'country' || '@' || event_type, country_code, count(*) FROM event_countries WHERE event_visibility = 'published' AND first_role GROUP BY country_code, event_type;
--> statement-breakpoint
INSERT INTO `facet_counts` (facet, value, n)
  SELECT 'actor', CAST(entity_id AS TEXT), count(*) FROM event_entities WHERE event_visibility = 'published' AND first_role GROUP BY entity_id
  UNION ALL
  SELECT 'actor' || '@' || event_type, CAST(entity_id AS TEXT), count(*) FROM event_entities WHERE event_visibility = 'published' AND first_role GROUP BY entity_id, event_type;
--> statement-breakpoint
INSERT INTO `facet_counts` (facet, value, n)
  SELECT 'tag', CAST(tag_id AS TEXT), count(*) FROM event_tags WHERE event_visibility = 'published' GROUP BY tag_id
  UNION ALL
  SELECT 'tag' || '@' || event_type, CAST(tag_id AS TEXT), count(*) FROM event_tags WHERE event_visibility = 'published' GROUP BY tag_id, event_type;
--> statement-breakpoint
INSERT INTO `facet_counts` (facet, value, n)
  SELECT 'authority', legal_authority, count(*) FROM events WHERE deleted_at IS NULL AND status = 'published' AND legal_authority IS NOT NULL GROUP BY legal_authority
  UNION ALL
  SELECT 'authority@' || type, legal_authority, count(*) FROM events WHERE deleted_at IS NULL AND status = 'published' AND legal_authority IS NOT NULL GROUP BY legal_authority, type;
--> statement-breakpoint
INSERT INTO `facet_counts` (facet, value, n)
  SELECT 'program', program, count(*) FROM events WHERE deleted_at IS NULL AND status = 'published' AND program IS NOT NULL GROUP BY program
  UNION ALL
  SELECT 'program@' || type, program, count(*) FROM events WHERE deleted_at IS NULL AND status = 'published' AND program IS NOT NULL GROUP BY program, type;
--> statement-breakpoint
INSERT INTO `event_month_counts` (month, date_precision, type, n)
  SELECT substr(date, 1, 7), date_precision, type, count(*) FROM events
   WHERE deleted_at IS NULL AND status = 'published' GROUP BY 1, 2, 3;
--> statement-breakpoint
-- A new row: count what it holds as inserted, then take its event's facts and mark the first role of its (event, value) (the update trigger moves the counts).
CREATE TRIGGER `event_countries_derived_insert` AFTER INSERT ON `event_countries` BEGIN
  INSERT INTO facet_counts (facet, value, n) SELECT 'country:' || NEW.role, NEW.country_code, 1 WHERE NEW.event_visibility = 'published'
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'country:' || NEW.role || '@' || NEW.event_type, NEW.country_code, 1 WHERE NEW.event_visibility = 'published'
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'country', NEW.country_code, 1 WHERE NEW.event_visibility = 'published' AND NEW.first_role
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'country' || '@' || NEW.event_type, NEW.country_code, 1 WHERE NEW.event_visibility = 'published' AND NEW.first_role
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  UPDATE event_countries SET (event_visibility, event_type, event_date, event_date_precision) =
    (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision FROM events e WHERE e.id = NEW.event_id)
   WHERE event_id = NEW.event_id AND country_code = NEW.country_code AND role = NEW.role;
  UPDATE event_countries SET first_role = NOT first_role
   WHERE event_id = NEW.event_id AND country_code = NEW.country_code
     AND first_role <> (role = (SELECT min(x.role) FROM event_countries x WHERE x.event_id = NEW.event_id AND x.country_code = NEW.country_code));
END;
--> statement-breakpoint
CREATE TRIGGER `event_countries_derived_delete` AFTER DELETE ON `event_countries` BEGIN
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND facet = 'country:' || OLD.role AND value = OLD.country_code;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND facet = 'country:' || OLD.role || '@' || OLD.event_type AND value = OLD.country_code;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND OLD.first_role AND facet = 'country' AND value = OLD.country_code;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND OLD.first_role AND facet = 'country' || '@' || OLD.event_type AND value = OLD.country_code;
  UPDATE event_countries SET first_role = NOT first_role
   WHERE event_id = OLD.event_id AND country_code = OLD.country_code
     AND first_role <> (role = (SELECT min(x.role) FROM event_countries x WHERE x.event_id = OLD.event_id AND x.country_code = OLD.country_code));
END;
--> statement-breakpoint
CREATE TRIGGER `event_countries_derived_update` AFTER UPDATE ON `event_countries`
 WHEN OLD.event_visibility IS NOT NEW.event_visibility OR OLD.event_type IS NOT NEW.event_type OR OLD.first_role IS NOT NEW.first_role OR OLD.country_code IS NOT NEW.country_code OR OLD.role IS NOT NEW.role
BEGIN
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND facet = 'country:' || OLD.role AND value = OLD.country_code;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND facet = 'country:' || OLD.role || '@' || OLD.event_type AND value = OLD.country_code;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND OLD.first_role AND facet = 'country' AND value = OLD.country_code;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND OLD.first_role AND facet = 'country' || '@' || OLD.event_type AND value = OLD.country_code;
  INSERT INTO facet_counts (facet, value, n) SELECT 'country:' || NEW.role, NEW.country_code, 1 WHERE NEW.event_visibility = 'published'
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'country:' || NEW.role || '@' || NEW.event_type, NEW.country_code, 1 WHERE NEW.event_visibility = 'published'
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'country', NEW.country_code, 1 WHERE NEW.event_visibility = 'published' AND NEW.first_role
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'country' || '@' || NEW.event_type, NEW.country_code, 1 WHERE NEW.event_visibility = 'published' AND NEW.first_role
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
-- A new row: count what it holds as inserted, then take its event's facts and mark the first role of its (event, value) (the update trigger moves the counts).
CREATE TRIGGER `event_entities_derived_insert` AFTER INSERT ON `event_entities` BEGIN
  INSERT INTO facet_counts (facet, value, n) SELECT 'actor', CAST(NEW.entity_id AS TEXT), 1 WHERE NEW.event_visibility = 'published' AND NEW.first_role
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'actor' || '@' || NEW.event_type, CAST(NEW.entity_id AS TEXT), 1 WHERE NEW.event_visibility = 'published' AND NEW.first_role
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  UPDATE event_entities SET (event_visibility, event_type, event_date, event_date_precision) =
    (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision FROM events e WHERE e.id = NEW.event_id)
   WHERE event_id = NEW.event_id AND entity_id = NEW.entity_id AND role = NEW.role;
  UPDATE event_entities SET first_role = NOT first_role
   WHERE event_id = NEW.event_id AND entity_id = NEW.entity_id
     AND first_role <> (role = (SELECT min(x.role) FROM event_entities x WHERE x.event_id = NEW.event_id AND x.entity_id = NEW.entity_id));
END;
--> statement-breakpoint
CREATE TRIGGER `event_entities_derived_delete` AFTER DELETE ON `event_entities` BEGIN
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND OLD.first_role AND facet = 'actor' AND value = CAST(OLD.entity_id AS TEXT);
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND OLD.first_role AND facet = 'actor' || '@' || OLD.event_type AND value = CAST(OLD.entity_id AS TEXT);
  UPDATE event_entities SET first_role = NOT first_role
   WHERE event_id = OLD.event_id AND entity_id = OLD.entity_id
     AND first_role <> (role = (SELECT min(x.role) FROM event_entities x WHERE x.event_id = OLD.event_id AND x.entity_id = OLD.entity_id));
END;
--> statement-breakpoint
CREATE TRIGGER `event_entities_derived_update` AFTER UPDATE ON `event_entities`
 WHEN OLD.event_visibility IS NOT NEW.event_visibility OR OLD.event_type IS NOT NEW.event_type OR OLD.first_role IS NOT NEW.first_role OR OLD.entity_id IS NOT NEW.entity_id
BEGIN
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND OLD.first_role AND facet = 'actor' AND value = CAST(OLD.entity_id AS TEXT);
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND OLD.first_role AND facet = 'actor' || '@' || OLD.event_type AND value = CAST(OLD.entity_id AS TEXT);
  INSERT INTO facet_counts (facet, value, n) SELECT 'actor', CAST(NEW.entity_id AS TEXT), 1 WHERE NEW.event_visibility = 'published' AND NEW.first_role
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'actor' || '@' || NEW.event_type, CAST(NEW.entity_id AS TEXT), 1 WHERE NEW.event_visibility = 'published' AND NEW.first_role
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
-- A new row: count what it holds as inserted, then take its event's facts (the update trigger moves the counts).
CREATE TRIGGER `event_tags_derived_insert` AFTER INSERT ON `event_tags` BEGIN
  INSERT INTO facet_counts (facet, value, n) SELECT 'tag', CAST(NEW.tag_id AS TEXT), 1 WHERE NEW.event_visibility = 'published'
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'tag' || '@' || NEW.event_type, CAST(NEW.tag_id AS TEXT), 1 WHERE NEW.event_visibility = 'published'
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  UPDATE event_tags SET (event_visibility, event_type, event_date, event_date_precision) =
    (SELECT CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END, e.type, e.date, e.date_precision FROM events e WHERE e.id = NEW.event_id)
   WHERE event_id = NEW.event_id AND tag_id = NEW.tag_id;
END;
--> statement-breakpoint
CREATE TRIGGER `event_tags_derived_delete` AFTER DELETE ON `event_tags` BEGIN
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND facet = 'tag' AND value = CAST(OLD.tag_id AS TEXT);
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND facet = 'tag' || '@' || OLD.event_type AND value = CAST(OLD.tag_id AS TEXT);
END;
--> statement-breakpoint
CREATE TRIGGER `event_tags_derived_update` AFTER UPDATE ON `event_tags`
 WHEN OLD.event_visibility IS NOT NEW.event_visibility OR OLD.event_type IS NOT NEW.event_type OR OLD.tag_id IS NOT NEW.tag_id
BEGIN
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND facet = 'tag' AND value = CAST(OLD.tag_id AS TEXT);
  UPDATE facet_counts SET n = n - 1 WHERE OLD.event_visibility = 'published' AND facet = 'tag' || '@' || OLD.event_type AND value = CAST(OLD.tag_id AS TEXT);
  INSERT INTO facet_counts (facet, value, n) SELECT 'tag', CAST(NEW.tag_id AS TEXT), 1 WHERE NEW.event_visibility = 'published'
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'tag' || '@' || NEW.event_type, CAST(NEW.tag_id AS TEXT), 1 WHERE NEW.event_visibility = 'published'
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `events_derived_insert` AFTER INSERT ON `events` BEGIN
  INSERT INTO event_month_counts (month, date_precision, type, n)
    SELECT substr(NEW.date, 1, 7), NEW.date_precision, NEW.type, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published'
    ON CONFLICT (month, date_precision, type) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'authority', NEW.legal_authority, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published' AND NEW.legal_authority IS NOT NULL
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'authority' || '@' || NEW.type, NEW.legal_authority, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published' AND NEW.legal_authority IS NOT NULL
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'program', NEW.program, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published' AND NEW.program IS NOT NULL
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'program' || '@' || NEW.type, NEW.program, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published' AND NEW.program IS NOT NULL
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- BEFORE: the junction rows that a hard delete cascades to uncount themselves.
CREATE TRIGGER `events_derived_delete` BEFORE DELETE ON `events` BEGIN
  UPDATE event_month_counts SET n = n - 1
   WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND month = substr(OLD.date, 1, 7) AND date_precision = OLD.date_precision AND type = OLD.type;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND OLD.legal_authority IS NOT NULL AND facet = 'authority' AND value = OLD.legal_authority;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND OLD.legal_authority IS NOT NULL AND facet = 'authority' || '@' || OLD.type AND value = OLD.legal_authority;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND OLD.program IS NOT NULL AND facet = 'program' AND value = OLD.program;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND OLD.program IS NOT NULL AND facet = 'program' || '@' || OLD.type AND value = OLD.program;
END;
--> statement-breakpoint
CREATE TRIGGER `events_derived_update` AFTER UPDATE OF status, deleted_at, type, date, date_precision, legal_authority, program ON `events`
 WHEN OLD.status IS NOT NEW.status OR OLD.deleted_at IS NOT NEW.deleted_at OR OLD.type IS NOT NEW.type OR OLD.date IS NOT NEW.date OR OLD.date_precision IS NOT NEW.date_precision OR OLD.legal_authority IS NOT NEW.legal_authority OR OLD.program IS NOT NEW.program
BEGIN
  UPDATE event_month_counts SET n = n - 1
   WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND month = substr(OLD.date, 1, 7) AND date_precision = OLD.date_precision AND type = OLD.type;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND OLD.legal_authority IS NOT NULL AND facet = 'authority' AND value = OLD.legal_authority;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND OLD.legal_authority IS NOT NULL AND facet = 'authority' || '@' || OLD.type AND value = OLD.legal_authority;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND OLD.program IS NOT NULL AND facet = 'program' AND value = OLD.program;
  UPDATE facet_counts SET n = n - 1 WHERE OLD.deleted_at IS NULL AND OLD.status = 'published' AND OLD.program IS NOT NULL AND facet = 'program' || '@' || OLD.type AND value = OLD.program;
  INSERT INTO event_month_counts (month, date_precision, type, n)
    SELECT substr(NEW.date, 1, 7), NEW.date_precision, NEW.type, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published'
    ON CONFLICT (month, date_precision, type) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'authority', NEW.legal_authority, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published' AND NEW.legal_authority IS NOT NULL
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'authority' || '@' || NEW.type, NEW.legal_authority, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published' AND NEW.legal_authority IS NOT NULL
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'program', NEW.program, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published' AND NEW.program IS NOT NULL
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
  INSERT INTO facet_counts (facet, value, n) SELECT 'program' || '@' || NEW.type, NEW.program, 1 WHERE NEW.deleted_at IS NULL AND NEW.status = 'published' AND NEW.program IS NOT NULL
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
