-- An evaluation run is held by the instance answering it for a short lease that instance keeps renewing. A run whose
-- lease ran out was left by an instance that crashed or was killed: any instance marks it failed, so it does not show
-- "running" forever. Owned by dev.docent.evaluation.
ALTER TABLE eval_runs ADD COLUMN lease_until timestamptz;

-- Runs unfinished before this migration belong to an instance of a version that never renews a lease.
UPDATE eval_runs SET lease_until = now() WHERE status IN ('queued', 'running');
