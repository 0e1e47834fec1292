CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`recipient` text NOT NULL,
	`platform` text,
	`person_id` integer,
	`subject` text,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`due_at` text NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`claimed_at` text NOT NULL,
	`claimed_by` text NOT NULL,
	`sent_at` text,
	`next_attempt_at` text,
	`last_error` text,
	`payload` text NOT NULL,
	`conversation` text,
	`message_id` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_key` ON `deliveries` (`kind`,`period`,`recipient`);--> statement-breakpoint
CREATE INDEX `deliveries_status` ON `deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `deliveries_subject` ON `deliveries` (`kind`,`subject`);--> statement-breakpoint
CREATE TABLE `reminder_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`until` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reminder_answers_task` ON `reminder_answers` (`task_id`,`kind`);--> statement-breakpoint
CREATE TABLE `scheduler_jobs` (
	`name` text PRIMARY KEY NOT NULL,
	`last_run_at` text NOT NULL
);
