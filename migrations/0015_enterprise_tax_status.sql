ALTER TABLE "enterprises" ADD COLUMN "tax_credit_rating" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "tax_arrears" boolean DEFAULT false NOT NULL;