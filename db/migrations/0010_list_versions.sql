CREATE TABLE `list_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`entry_key` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`aliases` text NOT NULL,
	`identifiers` text NOT NULL,
	`programs` text NOT NULL,
	`authorities` text NOT NULL,
	`listing_dates` text NOT NULL,
	`remarks` text NOT NULL,
	`entry` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `list_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `list_entries_version_key_idx` ON `list_entries` (`version_id`,`entry_key`);--> statement-breakpoint
CREATE INDEX `list_entries_name_key_idx` ON `list_entries` (`name_key`);--> statement-breakpoint
CREATE TABLE `list_matches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`entry_key` text NOT NULL,
	`entity_id` integer NOT NULL,
	`method` text NOT NULL,
	`score_permille` integer,
	`basis` text,
	`confirmed_by_user_id` text,
	`confirmed_by` text NOT NULL,
	`confirmed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`undone_at` text,
	`undone_by` text,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "list_matches_method_check" CHECK(method IN ('identifier', 'name', 'picked', 'created'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `list_matches_entry_idx` ON `list_matches` (`source`,`entry_key`) WHERE undone_at IS NULL;--> statement-breakpoint
CREATE INDEX `list_matches_entity_idx` ON `list_matches` (`entity_id`);--> statement-breakpoint
CREATE TABLE `list_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`kind` text NOT NULL,
	`entry_key` text NOT NULL,
	`name` text NOT NULL,
	`before` text,
	`after` text,
	`fields` text NOT NULL,
	`fingerprint` text NOT NULL,
	`list_date` text,
	`list_date_precision` text,
	`list_date_raw` text,
	`after_published_at` text,
	`on_or_before_published_at` text,
	`listed_before_previous` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`event_id` integer,
	`decided_by_user_id` text,
	`decided_by` text,
	`decided_at` text,
	FOREIGN KEY (`version_id`) REFERENCES `list_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "list_proposals_kind_check" CHECK(kind IN ('designation', 'removal', 'amendment')),
	CONSTRAINT "list_proposals_status_check" CHECK(status IN ('proposed', 'accepted', 'rejected'))
);
--> statement-breakpoint
CREATE INDEX `list_proposals_version_idx` ON `list_proposals` (`version_id`,`status`,`kind`);--> statement-breakpoint
CREATE INDEX `list_proposals_event_idx` ON `list_proposals` (`event_id`);--> statement-breakpoint
CREATE TABLE `list_rejections` (
	`source` text NOT NULL,
	`entry_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`proposal_id` integer,
	`rejected_by_user_id` text,
	`rejected_by` text NOT NULL,
	`rejected_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`source`, `entry_key`, `fingerprint`),
	FOREIGN KEY (`proposal_id`) REFERENCES `list_proposals`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `list_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`format` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`published_at` text,
	`published_precision` text,
	`published_raw` text,
	`published_by` text,
	`entry_count` integer NOT NULL,
	`stated_record_count` integer,
	`previous_version_id` integer,
	`designations` integer DEFAULT 0 NOT NULL,
	`removals` integer DEFAULT 0 NOT NULL,
	`amendments` integer DEFAULT 0 NOT NULL,
	`skipped_rejected` integer DEFAULT 0 NOT NULL,
	`imported_by_user_id` text,
	`imported_by` text NOT NULL,
	`imported_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "list_versions_source_check" CHECK(source IN ('ofac-sdn', 'un-sc', 'eu-fsf', 'uk-fcdo', 'opensanctions')),
	CONSTRAINT "list_versions_published_check" CHECK(published_at IS NULL OR published_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `list_versions_hash_idx` ON `list_versions` (`source`,`sha256`);--> statement-breakpoint
CREATE INDEX `list_versions_source_idx` ON `list_versions` (`source`,`published_at`,`id`);