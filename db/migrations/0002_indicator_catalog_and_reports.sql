CREATE TABLE `indicator_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`period` text NOT NULL,
	`numerator` real,
	`denominator` real,
	`value` real,
	`result` real NOT NULL,
	`target` real NOT NULL,
	`compliance` real,
	`status` text NOT NULL,
	`analysis` text DEFAULT '' NOT NULL,
	`evidence` text NOT NULL,
	`reported_by` integer,
	`reported_at` text NOT NULL,
	`current` integer DEFAULT true NOT NULL,
	`replaces` integer,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reported_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_reports_period` ON `indicator_reports` (`indicator_id`,`period`);--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_reports_current` ON `indicator_reports` (`indicator_id`,`period`) WHERE "indicator_reports"."current" = 1;--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`process_id` integer NOT NULL,
	`name` text NOT NULL,
	`objective` text DEFAULT '' NOT NULL,
	`type` text NOT NULL,
	`formula` text DEFAULT '' NOT NULL,
	`numerator_text` text DEFAULT '' NOT NULL,
	`denominator_text` text DEFAULT '' NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`frequency` text NOT NULL,
	`baseline` real,
	`target` real NOT NULL,
	`critical` real NOT NULL,
	`satisfactory` real NOT NULL,
	`due_days` integer NOT NULL,
	`responsible` text DEFAULT '' NOT NULL,
	`example` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_code_unique` ON `indicators` (`code`);--> statement-breakpoint
CREATE INDEX `indicators_process` ON `indicators` (`process_id`);