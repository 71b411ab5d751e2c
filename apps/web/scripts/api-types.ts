import { writeFile } from 'node:fs/promises';
import { API_TYPES_FILE, generateApiTypes } from '../test/support/api-types';

await writeFile(API_TYPES_FILE, await generateApiTypes());
console.log(`wrote ${API_TYPES_FILE.pathname}`);
