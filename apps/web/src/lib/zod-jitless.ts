import { z } from 'zod';

// Zod compiles fast object parsers with `new Function` after probing whether eval is allowed; our CSP forbids
// eval, and Chromium reports even the caught probe as a violation. Jitless parsing skips the probe (the browser
// only validates drafts in the editor, where the speed difference is invisible).
z.config({ jitless: true });
