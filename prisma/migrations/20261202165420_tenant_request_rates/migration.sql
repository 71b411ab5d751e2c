-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "readsPerMinute" INTEGER,
ADD COLUMN     "writesPerMinute" INTEGER;
