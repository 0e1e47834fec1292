CREATE TABLE `materialized_risks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`risk_id` integer,
	`risk_code` text NOT NULL,
	`process_id` integer NOT NULL,
	`description` text NOT NULL,
	`url` text,
	`reported_at` text NOT NULL,
	`reported_by` integer,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `materialized_risks_year` ON `materialized_risks` (`year`);--> statement-breakpoint
CREATE TABLE `risk_controls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`risk_id` integer NOT NULL,
	`position` integer NOT NULL,
	`type` text NOT NULL,
	`implementation` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`weight` real NOT NULL,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_controls_order` ON `risk_controls` (`risk_id`,`position`);--> statement-breakpoint
CREATE TABLE `risk_matrices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`process_id` integer NOT NULL,
	`state` text NOT NULL,
	`evidence_url` text,
	`note` text,
	`reported_at` text,
	`reported_by` integer,
	`reviewed_at` text,
	`reviewed_by` integer,
	`observations` text,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_matrices_year_process` ON `risk_matrices` (`year`,`process_id`);--> statement-breakpoint
CREATE TABLE `risks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`process_id` integer NOT NULL,
	`code` text NOT NULL,
	`type` text NOT NULL,
	`description` text NOT NULL,
	`cause` text NOT NULL,
	`consequence` text NOT NULL,
	`times_per_year` real NOT NULL,
	`economic_impact` text,
	`reputational_impact` text,
	`treatment` text NOT NULL,
	`responsible` text NOT NULL,
	`method` text NOT NULL,
	`inherent_probability` text NOT NULL,
	`inherent_probability_percent` real NOT NULL,
	`inherent_impact` text NOT NULL,
	`inherent_impact_percent` real NOT NULL,
	`inherent_zone` text NOT NULL,
	`residual_probability` text NOT NULL,
	`residual_probability_percent` real NOT NULL,
	`residual_impact` text NOT NULL,
	`residual_impact_percent` real NOT NULL,
	`residual_zone` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risks_year_code` ON `risks` (`year`,`code`);--> statement-breakpoint
CREATE INDEX `risks_year_process` ON `risks` (`year`,`process_id`);