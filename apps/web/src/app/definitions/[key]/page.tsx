import { DefinitionDetail } from '~/components/definitions/definition-detail';

export default async function DefinitionPage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const { key } = await params;
  const { version } = await searchParams;
  const parsed = version ? Number.parseInt(version, 10) : undefined;
  return (
    <DefinitionDetail definitionKey={decodeURIComponent(key)} {...(parsed && parsed > 0 ? { version: parsed } : {})} />
  );
}
