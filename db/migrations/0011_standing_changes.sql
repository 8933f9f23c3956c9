CREATE TABLE `standing_change_evidence` (
	`change_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	PRIMARY KEY(`change_id`, `event_id`),
	FOREIGN KEY (`change_id`) REFERENCES `standing_changes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `standing_change_evidence_event_idx` ON `standing_change_evidence` (`event_id`);--> statement-breakpoint
CREATE TABLE `standing_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject` text NOT NULL,
	`counterpart` text NOT NULL,
	`date` text NOT NULL,
	`precision` text NOT NULL,
	`status` text NOT NULL,
	`level` text,
	`embassy` text,
	`ambassador_recalled` text,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by` text,
	`updated_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`deleted_at` text,
	CONSTRAINT "standing_changes_subject_check" CHECK(subject GLOB '[A-Z][A-Z]' OR (subject GLOB '[a-z0-9]*' AND length(subject) BETWEEN 1 AND 60)),
	CONSTRAINT "standing_changes_counterpart_check" CHECK(counterpart GLOB '[A-Z][A-Z]' AND counterpart <> subject),
	CONSTRAINT "standing_changes_date_check" CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "standing_changes_precision_check" CHECK(precision IN ('day', 'month', 'year')),
	CONSTRAINT "standing_changes_status_check" CHECK(status IN ('in_effect', 'announced', 'reported')),
	CONSTRAINT "standing_changes_level_check" CHECK(level IS NULL OR level IN ('severed', 'no_presence', 'protecting_power', 'interests_section', 'charge_d_affaires', 'minister', 'ambassador', 'not_member', 'suspended', 'member', 'unknown')),
	CONSTRAINT "standing_changes_embassy_check" CHECK(embassy IS NULL OR embassy IN ('open', 'closed', 'unknown')),
	CONSTRAINT "standing_changes_recalled_check" CHECK(ambassador_recalled IS NULL OR ambassador_recalled IN ('yes', 'no', 'unknown')),
	CONSTRAINT "standing_changes_says_something_check" CHECK(level IS NOT NULL OR embassy IS NOT NULL OR ambassador_recalled IS NOT NULL),
	CONSTRAINT "standing_changes_version_check" CHECK(version >= 1)
);
--> statement-breakpoint
CREATE INDEX `standing_changes_counterpart_idx` ON `standing_changes` (`counterpart`,`date`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `standing_changes_dyad_idx` ON `standing_changes` (`subject`,`counterpart`,`date`) WHERE deleted_at IS NULL;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_revisions` (
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
	CONSTRAINT "revisions_record_type_check" CHECK(record_type IN ('event', 'entity', 'standing_change')),
	CONSTRAINT "revisions_action_check" CHECK(action IN ('create', 'update', 'delete', 'restore', 'merge', 'unmerge', 'import'))
);
--> statement-breakpoint
INSERT INTO `__new_revisions`("id", "record_type", "record_id", "action", "version", "user_id", "actor", "created_at", "snapshot", "note") SELECT "id", "record_type", "record_id", "action", "version", "user_id", "actor", "created_at", "snapshot", "note" FROM `revisions`;--> statement-breakpoint
DROP TABLE `revisions`;--> statement-breakpoint
ALTER TABLE `__new_revisions` RENAME TO `revisions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `revisions_record_idx` ON `revisions` (`record_type`,`record_id`,`id`);--> statement-breakpoint
CREATE TRIGGER `revisions_append_only_update` BEFORE UPDATE ON `revisions` BEGIN
	SELECT RAISE(ABORT, 'revisions are append-only');
END;--> statement-breakpoint
CREATE TRIGGER `revisions_append_only_delete` BEFORE DELETE ON `revisions` BEGIN
	SELECT RAISE(ABORT, 'revisions are append-only');
END;
