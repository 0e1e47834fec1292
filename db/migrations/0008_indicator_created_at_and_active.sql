ALTER TABLE `indicators` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `indicators` ADD `created_at` text;--> statement-breakpoint
UPDATE `indicators` SET `created_at` = `updated_at` WHERE `created_at` IS NULL;
-- Rows loaded before this column existed: their last update is the earliest instant known.
