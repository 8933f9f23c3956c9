CREATE TABLE `event_month_counts` (
	`month` text NOT NULL,
	`date_precision` text NOT NULL,
	`type` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`month`, `date_precision`, `type`)
);
--> statement-breakpoint
CREATE TABLE `facet_counts` (
	`facet` text NOT NULL,
	`value` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`facet`, `value`)
);
--> statement-breakpoint
CREATE INDEX `facet_counts_top_idx` ON `facet_counts` (`facet`,`n`);--> statement-breakpoint
DROP INDEX `event_countries_country_idx`;--> statement-breakpoint
ALTER TABLE `event_countries` ADD `event_visibility` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_countries` ADD `event_type` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_countries` ADD `event_date` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_countries` ADD `event_date_precision` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_countries` ADD `first_role` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `event_countries_lookup_idx` ON `event_countries` (`country_code`,`event_visibility`,`event_id`,`first_role`,`role`,`event_type`,`event_date`,`event_date_precision`);--> statement-breakpoint
CREATE INDEX `event_countries_scan_idx` ON `event_countries` (`event_visibility`,`event_type`,`event_date`,`country_code`,`event_id`,`first_role`,`role`,`event_date_precision`);--> statement-breakpoint
DROP INDEX `event_entities_entity_idx`;--> statement-breakpoint
ALTER TABLE `event_entities` ADD `event_visibility` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_entities` ADD `event_type` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_entities` ADD `event_date` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_entities` ADD `event_date_precision` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_entities` ADD `first_role` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `event_entities_lookup_idx` ON `event_entities` (`entity_id`,`event_visibility`,`event_id`,`first_role`,`event_type`,`event_date`,`event_date_precision`);--> statement-breakpoint
CREATE INDEX `event_entities_scan_idx` ON `event_entities` (`event_visibility`,`event_type`,`event_date`,`entity_id`,`event_id`,`first_role`,`event_date_precision`);--> statement-breakpoint
DROP INDEX `event_tags_tag_idx`;--> statement-breakpoint
ALTER TABLE `event_tags` ADD `event_visibility` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_tags` ADD `event_type` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_tags` ADD `event_date` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_tags` ADD `event_date_precision` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `event_tags_lookup_idx` ON `event_tags` (`tag_id`,`event_visibility`,`event_id`,`event_type`,`event_date`,`event_date_precision`);--> statement-breakpoint
CREATE INDEX `event_tags_scan_idx` ON `event_tags` (`event_visibility`,`event_type`,`event_date`,`tag_id`,`event_id`,`event_date_precision`);--> statement-breakpoint
DROP INDEX `events_status_date_idx`;--> statement-breakpoint
DROP INDEX `events_type_date_idx`;--> statement-breakpoint
DROP INDEX `events_authority_idx`;--> statement-breakpoint
DROP INDEX `events_program_idx`;--> statement-breakpoint
CREATE INDEX `events_live_date_idx` ON `events` (`status`,`date`,`id`,`type`,`date_precision`,`legal_authority`,`program`,`deleted_at`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `events_live_type_idx` ON `events` (`status`,`type`,`date`,`id`,`date_precision`,`deleted_at`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `events_live_id_idx` ON `events` (`id`,`status`,`type`,`date`,`date_precision`,`legal_authority`,`program`,`deleted_at`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `events_authority_idx` ON `events` (`legal_authority`,`status`,`date`,`id`,`type`,`date_precision`,`deleted_at`) WHERE deleted_at IS NULL AND legal_authority IS NOT NULL;--> statement-breakpoint
CREATE INDEX `events_program_idx` ON `events` (`program`,`status`,`date`,`id`,`type`,`date_precision`,`deleted_at`) WHERE deleted_at IS NULL AND program IS NOT NULL;