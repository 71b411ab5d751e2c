// The normalised error signature incidents are grouped by: the parts of a message that differ between two
// occurrences of the same fault (URLs, quoted values, ids, numbers) are replaced by placeholders.
// The migration defines the SQL twin, sy_error_signature(text), so the database can group and filter by it;
// test/integration/error-signature-sql.test.ts holds both to the same answers. Keep the two in step.

const SIGNATURE_MAX = 300;

const steps: [RegExp, string][] = [
  [/[a-z][a-z0-9+.-]*:\/\/[^ \t\r\n"'<>]+/gi, '<url>'],
  [/"[^"]*"/g, '<str>'],
  [/'[^']*'/g, '<str>'],
  [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>'],
  [/[0-9a-f]{12,}/gi, '<id>'],
  [/[0-9]+([.][0-9]+)?/g, '<n>'],
  [/[ \t\r\n]+/g, ' '],
];

/** "GET https://x/orders/42 failed: 503" and "… /orders/77 …: 502" both become "GET <url> failed: <n>". */
export function errorSignature(message: string): string {
  let signature = message;
  for (const [pattern, replacement] of steps) signature = signature.replace(pattern, replacement);
  signature = signature.replace(/^ +| +$/g, '');
  // Count characters, not UTF-16 units, as Postgres' left() does.
  return Array.from(signature).slice(0, SIGNATURE_MAX).join('');
}
