-- The kecamatan or kelurahan an article is about (optional), for readers and search facets.
ALTER TABLE articles ADD COLUMN region_id INTEGER REFERENCES regions(id) ON DELETE SET NULL;
CREATE INDEX articles_region ON articles(region_id, state, published_at);
