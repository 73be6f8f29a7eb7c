CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "audit" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_audit" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "UserId" INTEGER NULL,
    "UserName" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "CaseId" TEXT NULL,
    "Version" INTEGER NULL,
    "Status" INTEGER NOT NULL,
    "Channel" TEXT NOT NULL
);

CREATE TABLE "users" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_users" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "ApiKeyHash" TEXT NOT NULL,
    "PasswordHash" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Disabled" INTEGER NOT NULL
);

CREATE TABLE "cases" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_cases" PRIMARY KEY,
    "OwnerId" INTEGER NOT NULL,
    "Title" TEXT NULL,
    "CurrentVersion" INTEGER NOT NULL,
    "LeadingDiagnosis" TEXT NOT NULL,
    "LeadingProbability" REAL NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "DeletedAt" INTEGER NULL,
    "DeletedById" INTEGER NULL,
    CONSTRAINT "FK_cases_users_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "users" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "case_shares" (
    "CaseId" TEXT NOT NULL,
    "UserId" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_case_shares" PRIMARY KEY ("CaseId", "UserId"),
    CONSTRAINT "FK_case_shares_cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "cases" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_case_shares_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "case_versions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_case_versions" PRIMARY KEY AUTOINCREMENT,
    "CaseId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "InputKind" TEXT NOT NULL,
    "InputGiven" TEXT NOT NULL,
    "CaseUnderstood" TEXT NOT NULL,
    "AssessmentJson" TEXT NOT NULL,
    "KnowledgeVersion" TEXT NOT NULL,
    "LeadingDiagnosis" TEXT NOT NULL,
    "LeadingProbability" REAL NOT NULL,
    "PriorContext" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CreatedById" INTEGER NOT NULL,
    CONSTRAINT "FK_case_versions_cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "cases" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_audit_At" ON "audit" ("At");

CREATE INDEX "IX_audit_CaseId_At" ON "audit" ("CaseId", "At");

CREATE INDEX "IX_case_shares_UserId" ON "case_shares" ("UserId");

CREATE UNIQUE INDEX "IX_case_versions_CaseId_Version" ON "case_versions" ("CaseId", "Version");

CREATE INDEX "IX_cases_LeadingDiagnosis" ON "cases" ("LeadingDiagnosis");

CREATE INDEX "IX_cases_OwnerId_UpdatedAt" ON "cases" ("OwnerId", "UpdatedAt");

CREATE UNIQUE INDEX "IX_users_ApiKeyHash" ON "users" ("ApiKeyHash");

CREATE UNIQUE INDEX "IX_users_Name" ON "users" ("Name");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125143806_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "users" ADD "DeletedAt" INTEGER NULL;

ALTER TABLE "users" ADD "SecurityStamp" TEXT NOT NULL DEFAULT '';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204162437_AccountSecurity', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "case_images" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_case_images" PRIMARY KEY AUTOINCREMENT,
    "CaseId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Content" BLOB NOT NULL,
    "Width" INTEGER NOT NULL,
    "Height" INTEGER NOT NULL,
    "Caption" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CreatedById" INTEGER NOT NULL,
    CONSTRAINT "FK_case_images_cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "cases" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_case_images_CaseId_Version" ON "case_images" ("CaseId", "Version");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204191555_KeyImages', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "login_throttle" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_login_throttle" PRIMARY KEY,
    "Failures" INTEGER NOT NULL,
    "WindowStartMs" INTEGER NOT NULL,
    "LockedUntilMs" INTEGER NOT NULL
);

CREATE INDEX "IX_login_throttle_WindowStartMs" ON "login_throttle" ("WindowStartMs");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205050015_LoginThrottle', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "data_protection_keys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NOT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205085336_DataProtectionKeys', '10.0.15');

COMMIT;

