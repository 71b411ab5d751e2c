import { DefinitionsList } from '~/components/definitions/definitions-list';

export default function DefinitionsPage() {
  return <DefinitionsList />;
}
