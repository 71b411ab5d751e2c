'use client';

// The HTTP API's reference, rendered by Scalar from /api/v1/openapi.json (the document the server generates), with
// a request panel an operator can send calls from: paste an API token (Settings → Members & tokens) as Bearer.
import { ApiReferenceReact } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';

const configuration = {
  url: '/api/v1/openapi.json',
  defaultOpenAllTags: true,
  hideModels: true,
  documentDownloadType: 'json',
  authentication: { preferredSecurityScheme: 'bearer' },
  // Nothing leaves the console: no hosted fonts, no telemetry, no hosted AI agent or MCP, no "open in Scalar's
  // client" button, and the token is not kept in localStorage.
  agent: { disabled: true },
  mcp: { disabled: true },
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  persistAuth: false,
  showDeveloperTools: 'never',
  hideDarkModeToggle: true,
  forceDarkModeState: 'light',
  layout: 'modern',
} as const;

export function ApiReference() {
  return (
    <div className="api-docs" data-testid="api-reference">
      <ApiReferenceReact configuration={configuration} />
    </div>
  );
}
