CREATE TABLE `entity_merges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survivor_id` integer NOT NULL,
	`merged_id` integer NOT NULL,
	`moved` text NOT NULL,
	`dropped` text NOT NULL,
	`added_aliases` text NOT NULL,
	`copied_fields` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by` text,
	`undone_at` text,
	`undone_by` text,
	FOREIGN KEY (`survivor_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`merged_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "entity_merges_distinct_check" CHECK(survivor_id <> merged_id)
);
--> statement-breakpoint
CREATE INDEX `entity_merges_survivor_idx` ON `entity_merges` (`survivor_id`);--> statement-breakpoint
CREATE INDEX `entity_merges_merged_idx` ON `entity_merges` (`merged_id`);