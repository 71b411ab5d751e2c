import { EditorLoader } from '~/components/editor/editor-loader';

export default function NewDefinitionPage() {
  return <EditorLoader definitionKey={null} />;
}
