CREATE TABLE `delivery_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` integer NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `delivery_items_key` ON `delivery_items` (`kind`,`period`,`recipient`);--> statement-breakpoint
CREATE INDEX `delivery_items_delivery` ON `delivery_items` (`delivery_id`);