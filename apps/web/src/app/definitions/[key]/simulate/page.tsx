import { SimulatorPage } from '~/components/editor/simulator/simulator-page';

export default async function SimulatePage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const { key } = await params;
  const { version } = await searchParams;
  const n = version ? Number.parseInt(version, 10) : NaN;
  return (
    <SimulatorPage definitionKey={decodeURIComponent(key)} version={version === 'draft' ? 'draft' : n > 0 ? n : null} />
  );
}
