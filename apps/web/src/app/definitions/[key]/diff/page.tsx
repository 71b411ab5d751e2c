import { DiffView } from '~/components/editor/diff/diff-view';

function side(v: string | undefined): number | 'draft' | null {
  if (v === 'draft') return 'draft';
  const n = v ? Number.parseInt(v, 10) : NaN;
  return n > 0 ? n : null;
}

export default async function DiffPage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const { key } = await params;
  const { from, to } = await searchParams;
  const f = side(from);
  return <DiffView definitionKey={decodeURIComponent(key)} from={typeof f === 'number' ? f : null} to={side(to)} />;
}
