import { env, isBuildPhase } from '../env';

/**
 * A production server with development configuration stops here, with one line saying what to set, instead of
 * serving sessions signed with a secret printed in the source.
 */
export function refuseWeakConfiguration(): void {
  if (isBuildPhase()) return;
  try {
    env();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
