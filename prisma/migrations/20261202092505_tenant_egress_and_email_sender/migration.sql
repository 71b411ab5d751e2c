-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "egressAllowedHosts" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "emailFrom" TEXT;
