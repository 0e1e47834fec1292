ALTER TABLE `audit_log` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;--> statement-breakpoint
-- Hand-written: the append-only rules, completed. INSERT OR REPLACE deleted the row it replaced without
-- firing the DELETE trigger (conflict resolution does not, unless recursive_triggers is on in that
-- connection): an insert may only add a row after the last one, and it must carry its seal.
CREATE TRIGGER `audit_log_no_overwrite` BEFORE INSERT ON `audit_log`
WHEN NEW.`id` > 0 AND NEW.`id` <= (SELECT max(`id`) FROM `audit_log`)
BEGIN
  SELECT RAISE(ABORT, 'audit_log es de solo adición');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_sealed` BEFORE INSERT ON `audit_log`
WHEN NEW.`hash` IS NULL
BEGIN
  SELECT RAISE(ABORT, 'audit_log: cada registro lleva su sello (hash)');
END;
--> statement-breakpoint
-- The one update allowed: sealing a row written before this migration (the backfill in db/client.ts),
-- which sets prev_hash and hash where both were null and changes nothing else.
DROP TRIGGER `audit_log_no_update`;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
WHEN NOT (
  OLD.`hash` IS NULL AND OLD.`prev_hash` IS NULL
  AND NEW.`hash` IS NOT NULL AND NEW.`prev_hash` IS NOT NULL
  AND NEW.`id` IS OLD.`id` AND NEW.`at` IS OLD.`at` AND NEW.`actor_id` IS OLD.`actor_id`
  AND NEW.`actor` IS OLD.`actor` AND NEW.`action` IS OLD.`action` AND NEW.`entity` IS OLD.`entity`
  AND NEW.`entity_id` IS OLD.`entity_id` AND NEW.`before` IS OLD.`before` AND NEW.`after` IS OLD.`after`
)
BEGIN
  SELECT RAISE(ABORT, 'audit_log es de solo adición');
END;
