-- Full-text search over everything an analyst may type: title, summary, and a body made of the
-- details, legal authority, program, actor names and aliases, source titles, publishers and
-- excerpts, and tag labels. Contentless (the text lives in the tables already); rows are written by
-- db/search-index.ts in the same transaction as the change. unicode61 with remove_diacritics 2
-- folds "Erdoğan" to "erdogan"; the prefix indexes make "qa*" and "qad*" cheap.
CREATE VIRTUAL TABLE `events_fts` USING fts5(
	title,
	summary,
	body,
	content='',
	contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2',
	prefix='2 3'
);
--> statement-breakpoint
CREATE TRIGGER `events_fts_cleanup` AFTER DELETE ON `events` BEGIN
	DELETE FROM `events_fts` WHERE rowid = old.id;
END;
--> statement-breakpoint
-- History is append-only: nothing may rewrite or remove a revision.
CREATE TRIGGER `revisions_append_only_update` BEFORE UPDATE ON `revisions` BEGIN
	SELECT RAISE(ABORT, 'revisions are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `revisions_append_only_delete` BEFORE DELETE ON `revisions` BEGIN
	SELECT RAISE(ABORT, 'revisions are append-only');
END;
