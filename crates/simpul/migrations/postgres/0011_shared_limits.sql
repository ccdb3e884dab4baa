-- Rate-limit counters every node shares (see infra/counters.rs): hits per hashed key and
-- fixed window; rows older than a day are removed by housekeeping.
CREATE TABLE rate_counters (
    bucket TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_counters_window ON rate_counters(window_start);

-- Which node holds a job's lease ("host:pid"), so an operator (and the cluster test) can tell
-- which node was running a job that stalled.
ALTER TABLE jobs ADD COLUMN locked_by TEXT;
