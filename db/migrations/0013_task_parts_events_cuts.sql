CREATE TABLE `cuts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`code` text NOT NULL,
	`date` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`data` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cuts_plan_code` ON `cuts` (`plan_id`,`code`);--> statement-breakpoint
CREATE TABLE `task_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`part_id` integer,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`person_id` integer,
	`reason` text,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`part_id`) REFERENCES `task_parts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_events_task_at` ON `task_events` (`task_id`,`at`);--> statement-breakpoint
CREATE TABLE `task_parts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`position` integer NOT NULL,
	`process_id` integer,
	`label` text NOT NULL,
	`done_at` text,
	`done_by` integer,
	`evidence_id` integer,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `task_parts_position` ON `task_parts` (`task_id`,`position`);--> statement-breakpoint
CREATE INDEX `task_parts_process` ON `task_parts` (`process_id`);--> statement-breakpoint
ALTER TABLE `tasks` ADD `parts_kind` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `parts_source` text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `closed_reason` text;--> statement-breakpoint
INSERT INTO `task_events` (`task_id`, `kind`, `at`, `person_id`)
  SELECT `id`, 'cumplida', `done_at`, `done_by` FROM `tasks` WHERE `done_at` IS NOT NULL;--> statement-breakpoint
INSERT INTO `task_events` (`task_id`, `kind`, `at`, `person_id`)
  SELECT `id`, 'verificada', `verified_at`, `verified_by` FROM `tasks` WHERE `verified_at` IS NOT NULL;
