import { EditorLoader } from '~/components/editor/editor-loader';

export default async function EditDefinitionPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return <EditorLoader definitionKey={decodeURIComponent(key)} />;
}
