CREATE TABLE "identity_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"username" text,
	"identifier_encrypted" text,
	"identifier_index" text,
	"identifier_masked" text,
	"mobile_encrypted" text,
	"mobile_index" text,
	"mobile_masked" text,
	"legal_representative" text,
	"department_id" uuid,
	"region_code" text,
	"assurance" text DEFAULT 'self_declared' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"password_hash" text,
	"password_changed_at" timestamp with time zone,
	"totp_secret_encrypted" text,
	"totp_enabled_at" timestamp with time zone,
	"totp_last_step" integer,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identity_accounts_staff_has_department" CHECK ("identity_accounts"."kind" <> 'staff' or ("identity_accounts"."department_id" is not null and "identity_accounts"."username" is not null)),
	CONSTRAINT "identity_accounts_citizen_has_identifier" CHECK ("identity_accounts"."kind" = 'staff' or "identity_accounts"."identifier_index" is not null)
);
--> statement-breakpoint
CREATE TABLE "identity_address_throttle" (
	"address" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"lock_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_clients" (
	"client_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"department_id" uuid,
	"redirect_uris" text[] NOT NULL,
	"post_logout_redirect_uris" text[] DEFAULT '{}'::text[] NOT NULL,
	"scopes" text[] NOT NULL,
	"backchannel_logout_uri" text,
	"auth_method" text NOT NULL,
	"secret_hash" text,
	"jwks" jsonb,
	"id_token_alg" text DEFAULT 'ES256' NOT NULL,
	"first_party" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identity_clients_auth" CHECK (("identity_clients"."auth_method" = 'client_secret_basic' and "identity_clients"."secret_hash" is not null) or ("identity_clients"."auth_method" = 'private_key_jwt' and "identity_clients"."jwks" is not null) or ("identity_clients"."auth_method" = 'none' and "identity_clients"."first_party")),
	CONSTRAINT "identity_clients_owner" CHECK ("identity_clients"."first_party" or "identity_clients"."department_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "identity_enterprise_agents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"item_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"granted_by" uuid NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identity_enterprise_agents_dates" CHECK ("identity_enterprise_agents"."valid_from" <= "identity_enterprise_agents"."valid_until")
);
--> statement-breakpoint
CREATE TABLE "identity_oidc_payloads" (
	"kind" text NOT NULL,
	"id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"user_code" text,
	"uid" text,
	"account_id" text,
	"expires_at" timestamp with time zone,
	"consumed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identity_oidc_payloads_kind_id_pk" PRIMARY KEY("kind","id")
);
--> statement-breakpoint
CREATE TABLE "identity_password_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_recovery_codes" (
	"account_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identity_recovery_codes_account_id_code_hash_pk" PRIMARY KEY("account_id","code_hash")
);
--> statement-breakpoint
CREATE TABLE "identity_role_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"role" text NOT NULL,
	"department_id" uuid,
	"include_sub_units" boolean DEFAULT false NOT NULL,
	"region_code" text,
	"granted_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity_signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"alg" text NOT NULL,
	"private_jwk_encrypted" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rotated_at" timestamp with time zone,
	"retire_after" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity_sms_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mobile_index" text NOT NULL,
	"purpose" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity_enterprise_agents" ADD CONSTRAINT "identity_enterprise_agents_enterprise_id_identity_accounts_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."identity_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_enterprise_agents" ADD CONSTRAINT "identity_enterprise_agents_person_id_identity_accounts_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."identity_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_password_history" ADD CONSTRAINT "identity_password_history_account_id_identity_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."identity_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_recovery_codes" ADD CONSTRAINT "identity_recovery_codes_account_id_identity_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."identity_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_role_grants" ADD CONSTRAINT "identity_role_grants_account_id_identity_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."identity_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "identity_accounts_identifier_idx" ON "identity_accounts" USING btree ("kind","identifier_index") WHERE "identity_accounts"."identifier_index" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "identity_accounts_username_idx" ON "identity_accounts" USING btree (lower("username")) WHERE "identity_accounts"."username" is not null;--> statement-breakpoint
CREATE INDEX "identity_accounts_mobile_idx" ON "identity_accounts" USING btree ("mobile_index");--> statement-breakpoint
CREATE INDEX "identity_accounts_department_idx" ON "identity_accounts" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "identity_clients_department_idx" ON "identity_clients" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "identity_enterprise_agents_person_idx" ON "identity_enterprise_agents" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "identity_enterprise_agents_enterprise_idx" ON "identity_enterprise_agents" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "identity_oidc_payloads_grant_idx" ON "identity_oidc_payloads" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "identity_oidc_payloads_uid_idx" ON "identity_oidc_payloads" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "identity_oidc_payloads_user_code_idx" ON "identity_oidc_payloads" USING btree ("user_code");--> statement-breakpoint
CREATE INDEX "identity_oidc_payloads_account_idx" ON "identity_oidc_payloads" USING btree ("account_id","kind");--> statement-breakpoint
CREATE INDEX "identity_oidc_payloads_expires_idx" ON "identity_oidc_payloads" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "identity_password_history_account_idx" ON "identity_password_history" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "identity_role_grants_account_idx" ON "identity_role_grants" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "identity_sms_codes_mobile_idx" ON "identity_sms_codes" USING btree ("mobile_index","purpose","created_at");