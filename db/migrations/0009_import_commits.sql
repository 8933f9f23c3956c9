CREATE TABLE `import_commits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`digest` text NOT NULL,
	`file_name` text NOT NULL,
	`user_id` text,
	`actor` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`row_count` integer NOT NULL,
	`created` integer NOT NULL,
	`updated` integer NOT NULL,
	`unchanged` integer NOT NULL,
	`actors_created` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_commits_digest_idx` ON `import_commits` (`digest`);