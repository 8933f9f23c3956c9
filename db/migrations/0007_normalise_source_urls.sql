-- Hand-written (issue 10, item 6): source URLs are now stored as a browser serialises them
-- (lib/validation/source-url.ts), so "https://example.org" is "https://example.org/". Rewrite the
-- addresses stored before, so that exporting and importing them again changes nothing. An
-- address that the rule refuses (a user name before "@") is left as it is, for staff to correct:
-- normalise_source_url returns it unchanged. No revision is recorded: the link is the same one.
-- Needs the app's connection (db/sql-functions.ts registers normalise_source_url).
UPDATE `sources` SET `url` = normalise_source_url(`url`)
 WHERE `url` IS NOT NULL AND `url` <> normalise_source_url(`url`);
