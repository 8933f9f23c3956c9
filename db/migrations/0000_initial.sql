CREATE TABLE `entities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`country_code` text,
	`opensanctions_id` text,
	`ofac_uid` text,
	`merged_into_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by` text,
	`updated_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "entities_kind_check" CHECK(kind IN ('person', 'organisation', 'government', 'legislature', 'international_body', 'company')),
	CONSTRAINT "entities_name_check" CHECK(length(trim(name)) > 0),
	CONSTRAINT "entities_country_check" CHECK(country_code IS NULL OR country_code GLOB '[A-Z][A-Z]')
);
--> statement-breakpoint
CREATE INDEX `entities_name_idx` ON `entities` (`name`);--> statement-breakpoint
CREATE INDEX `entities_merged_idx` ON `entities` (`merged_into_id`);--> statement-breakpoint
CREATE TABLE `entity_aliases` (
	`entity_id` integer NOT NULL,
	`alias` text NOT NULL,
	PRIMARY KEY(`entity_id`, `alias`),
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `entity_aliases_alias_idx` ON `entity_aliases` (`alias`);--> statement-breakpoint
CREATE TABLE `event_countries` (
	`event_id` integer NOT NULL,
	`country_code` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`event_id`, `country_code`, `role`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "event_countries_code_check" CHECK(country_code GLOB '[A-Z][A-Z]'),
	CONSTRAINT "event_countries_role_check" CHECK(role IN ('actor', 'target', 'location'))
);
--> statement-breakpoint
CREATE INDEX `event_countries_country_idx` ON `event_countries` (`country_code`,`role`,`event_id`);--> statement-breakpoint
CREATE TABLE `event_entities` (
	`event_id` integer NOT NULL,
	`entity_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`event_id`, `entity_id`, `role`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "event_entities_role_check" CHECK(role IN ('issuer', 'target', 'subject', 'participant', 'speaker', 'signatory', 'addressee'))
);
--> statement-breakpoint
CREATE INDEX `event_entities_entity_idx` ON `event_entities` (`entity_id`,`event_id`);--> statement-breakpoint
CREATE TABLE `event_links` (
	`from_event_id` integer NOT NULL,
	`to_event_id` integer NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`from_event_id`, `to_event_id`, `kind`),
	FOREIGN KEY (`from_event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "event_links_kind_check" CHECK(kind IN ('responds_to', 'implements', 'amends', 'reverses', 'follows_up', 'related')),
	CONSTRAINT "event_links_not_self_check" CHECK(from_event_id <> to_event_id)
);
--> statement-breakpoint
CREATE INDEX `event_links_to_idx` ON `event_links` (`to_event_id`);--> statement-breakpoint
CREATE TABLE `event_tags` (
	`event_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`event_id`, `tag_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `event_tags_tag_idx` ON `event_tags` (`tag_id`,`event_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`details` text,
	`date` text NOT NULL,
	`date_precision` text DEFAULT 'day' NOT NULL,
	`effective_date` text,
	`effective_date_precision` text,
	`end_date` text,
	`end_date_precision` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`legal_authority` text,
	`program` text,
	`external_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by` text,
	`updated_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	CONSTRAINT "events_type_check" CHECK(type IN ('designation', 'removal', 'authority', 'normalisation', 'isolation', 'statement', 'legislative', 'advocacy')),
	CONSTRAINT "events_status_check" CHECK(status IN ('draft', 'published')),
	CONSTRAINT "events_date_check" CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "events_date_precision_check" CHECK(date_precision IN ('day', 'month', 'year')),
	CONSTRAINT "events_effective_date_check" CHECK((effective_date IS NULL AND effective_date_precision IS NULL) OR (effective_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND effective_date_precision IN ('day', 'month', 'year'))),
	CONSTRAINT "events_end_date_check" CHECK((end_date IS NULL AND end_date_precision IS NULL) OR (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND end_date_precision IN ('day', 'month', 'year') AND end_date >= date)),
	CONSTRAINT "events_title_check" CHECK(length(trim(title)) > 0),
	CONSTRAINT "events_version_check" CHECK(version >= 1)
);
--> statement-breakpoint
CREATE INDEX `events_status_date_idx` ON `events` (`status`,`date`,`id`);--> statement-breakpoint
CREATE INDEX `events_type_date_idx` ON `events` (`type`,`status`,`date`,`id`);--> statement-breakpoint
CREATE INDEX `events_authority_idx` ON `events` (`legal_authority`,`date`);--> statement-breakpoint
CREATE INDEX `events_program_idx` ON `events` (`program`,`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_external_id_idx` ON `events` (`external_id`);--> statement-breakpoint
CREATE TABLE `revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_type` text NOT NULL,
	`record_id` integer NOT NULL,
	`action` text NOT NULL,
	`version` integer NOT NULL,
	`user_id` text,
	`actor` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`snapshot` text NOT NULL,
	`note` text,
	CONSTRAINT "revisions_record_type_check" CHECK(record_type IN ('event', 'entity')),
	CONSTRAINT "revisions_action_check" CHECK(action IN ('create', 'update', 'delete', 'restore', 'merge', 'unmerge', 'import'))
);
--> statement-breakpoint
CREATE INDEX `revisions_record_idx` ON `revisions` (`record_type`,`record_id`,`id`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`url` text,
	`title` text NOT NULL,
	`publisher` text,
	`published_date` text,
	`excerpt` text,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "sources_url_check" CHECK(url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%'),
	CONSTRAINT "sources_title_check" CHECK(length(trim(title)) > 0),
	CONSTRAINT "sources_published_date_check" CHECK(published_date IS NULL OR published_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE INDEX `sources_event_idx` ON `sources` (`event_id`,`position`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`label` text NOT NULL,
	CONSTRAINT "tags_slug_check" CHECK(slug GLOB '[a-z0-9]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_slug_idx` ON `tags` (`slug`);