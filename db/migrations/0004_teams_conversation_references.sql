CREATE TABLE `teams_conversations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`scope` text NOT NULL,
	`person_id` integer,
	`team_id` text,
	`name` text,
	`reference` text NOT NULL,
	`installed_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_conversations_conversation_id_unique` ON `teams_conversations` (`conversation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `teams_conversations_person_id_unique` ON `teams_conversations` (`person_id`);--> statement-breakpoint
CREATE INDEX `teams_conversations_scope` ON `teams_conversations` (`scope`,`installed_at`);