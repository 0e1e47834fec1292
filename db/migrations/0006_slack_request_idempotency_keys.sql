CREATE TABLE `slack_requests` (
	`key` text PRIMARY KEY NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `slack_requests_received` ON `slack_requests` (`received_at`);