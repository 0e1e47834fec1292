CREATE TABLE `slack_inbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`body` text NOT NULL,
	`received_at` text NOT NULL,
	`acked_at` text,
	`outcome` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slack_inbox_key_unique` ON `slack_inbox` (`key`);--> statement-breakpoint
CREATE INDEX `slack_inbox_received` ON `slack_inbox` (`received_at`);