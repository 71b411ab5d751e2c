import { ApiDocsPage } from '~/components/api-docs/api-docs-page';

export default function Page() {
  return <ApiDocsPage />;
}
