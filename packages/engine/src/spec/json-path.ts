// JSON paths for problem reports: `$.states.start.on.GO[1].target`, `$.states["my state"]`.

export type PathSegment = string | number;

/** Formats path segments as a JSON path rooted at `$`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
