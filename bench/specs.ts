// The specs the benchmark runs. NOOP tasks measure the engine, not an SMTP server.
import { helloWorkflow } from '../packages/engine/src/workflows/fixtures/hello-workflow';
import { counterSpec as counter } from '@switchyard/testkit/specs';

/** A self-transition with an assign: every TICK is one applied event, one snapshot write, one version bump. */
export const counterSpec = counter('bench-counter');

/** hello-workflow with its EMAIL task swapped for NOOP: start → task → completion event → done. */
export const helloNoopSpec = JSON.parse(
  JSON.stringify({ ...helloWorkflow, id: 'bench-hello' }).replace('"type":"EMAIL"', '"type":"NOOP"'),
) as typeof helloWorkflow;
