CREATE TABLE `vigencias` (
	`year` integer PRIMARY KEY NOT NULL,
	`closed_at` text NOT NULL,
	`closed_by` integer,
	FOREIGN KEY (`closed_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `plans_year_unique`;--> statement-breakpoint
ALTER TABLE `plans` ADD `code` text DEFAULT 'PPI' NOT NULL;--> statement-breakpoint
ALTER TABLE `plans` ADD `owner_team` text;--> statement-breakpoint
ALTER TABLE `plans` ADD `leader_id` integer REFERENCES people(id);--> statement-breakpoint
CREATE UNIQUE INDEX `plans_code_year` ON `plans` (`code`,`year`);