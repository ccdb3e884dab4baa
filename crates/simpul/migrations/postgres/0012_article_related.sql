-- "Baca juga" as computed when the article (or a neighbour) was last published or edited:
-- article ids, best first, comma-separated; '' when none was found; NULL when not computed
-- yet (the page then computes it, and each node's index follower fills it in).
ALTER TABLE articles ADD COLUMN related_ids TEXT;
