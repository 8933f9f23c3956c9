-- The organisations of the relations board, the twin of the rows SQLite's migration 0016 inserts
-- (db/migrations/0016_event_pairs.sql): a new PostgreSQL database has them as a new SQLite file does.
INSERT INTO relation_organisations (key, name) VALUES
  ('arab-league', 'Arab League'),
  ('gcc', 'Gulf Cooperation Council'),
  ('oic', 'Organisation of Islamic Cooperation'),
  ('african-union', 'African Union'),
  ('eu', 'European Union'),
  ('un', 'United Nations'),
  ('nato', 'NATO'),
  ('opec', 'OPEC')
ON CONFLICT (key) DO NOTHING;
