CREATE TABLE `attendance_invitees` (
	`session_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`invited_at` text NOT NULL,
	`notified_at` text,
	`answer` text,
	`reason` text,
	`answered_at` text,
	`checked_in_at` text,
	`checked_in_by` integer,
	PRIMARY KEY(`session_id`, `person_id`),
	FOREIGN KEY (`session_id`) REFERENCES `attendance_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_in_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attendance_invitees_person` ON `attendance_invitees` (`person_id`);--> statement-breakpoint
CREATE TABLE `attendance_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`place` text NOT NULL,
	`task_id` integer,
	`audience` text NOT NULL,
	`team` text,
	`created_by` integer,
	`created_at` text NOT NULL,
	`channel_notified_at` text,
	`closed_at` text,
	`evidence_id` integer,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `attendance_sessions_start` ON `attendance_sessions` (`starts_at`);