import { expect, test, type Page } from '@playwright/test';
import { unique } from './support';
import { shot } from './support/shots';

/** Presses a key with the canvas focused (not a field), as a user would after clicking empty canvas. */
async function onCanvas(page: Page, key: string): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 12, y: 12 } });
  await page.keyboard.press(key);
}

async function addState(page: Page, name: string): Promise<void> {
  await onCanvas(page, 'n');
  await page.keyboard.press('e');
  await expect(page.getByTestId('state-name')).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.locator(`.react-flow__node[data-id="${name}"]`)).toBeVisible();
}

/** Drags from the source handle of one state to the target handle of another, then names the event. */
async function connect(page: Page, from: string, to: string, event: string): Promise<void> {
  const source = await page.locator(`.react-flow__node[data-id="${from}"] .editor-handle--source`).boundingBox();
  const target = await page.locator(`.react-flow__node[data-id="${to}"] .editor-handle--target`).boundingBox();
  if (!source || !target) throw new Error('handles not found');
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByTestId('event-name')).toBeFocused();
  await page.keyboard.type(event);
  await page.keyboard.press('Enter');
}

async function publish(page: Page, message: string): Promise<void> {
  await page.getByRole('button', { name: 'Publish…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish version' });
  await dialog.getByLabel(/Message/).fill(message);
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await page.waitForURL(/\/definitions\/[^/]+\?version=\d+/);
}

test('builds, fixes, publishes, runs, changes, diffs and simulates a workflow', async ({ page }) => {
  const key = unique('e2e-editor');
  await page.goto('/definitions/new');
  await expect(page.getByTestId('editor-canvas')).toBeVisible();
  await page.getByTestId('spec-id').fill(key);
  await page.getByTestId('spec-id').press('Enter');

  await addState(page, 'start');
  await addState(page, 'work');
  await addState(page, 'done');
  await page.locator('.react-flow__node[data-id="done"]').click();
  await page.keyboard.press('f');
  await expect(page.locator('[data-state="done"]')).toHaveClass(/state-node--final/);

  // A typo in the event name: the editor points at the transition.
  await connect(page, 'start', 'work', 'WORKFLOW START');
  await connect(page, 'work', 'done', 'FINISH');
  await expect(page.getByRole('button', { name: 'Publish…' })).toBeDisabled();
  await page.locator('[data-testid="problems"] [data-path^="$.states.start.on"]').first().click();
  await expect(page.getByTestId('transition-inspector')).toBeVisible();
  await expect(page.locator('[data-edge-event="WORKFLOW START"]')).toHaveAttribute('data-selected', 'true');
  await page.getByTestId('event-name').fill('WORKFLOW_START');
  await page.getByTestId('event-name').press('Enter');

  // Give the first transition a task whose completion moves the instance on.
  await page.getByRole('button', { name: '+ Create task' }).click();
  const action = page.getByTestId('action-0');
  await action.getByLabel('Type', { exact: true }).fill('NOOP');
  await action.getByLabel('Type', { exact: true }).press('Tab');
  await action.getByLabel('Name', { exact: true }).fill('prepare');
  await action.getByLabel('Name', { exact: true }).press('Tab');
  await action.getByLabel('Completion event').fill('FINISH');
  await action.getByLabel('Completion event').press('Tab');
  await expect(page.getByTestId('problems-ok')).toBeVisible();
  await expect(page.getByTestId('spec-json')).toHaveValue(/"completionEvent": "FINISH"/);

  // Undo/redo by keyboard.
  await onCanvas(page, 'Control+z');
  await expect(page.getByTestId('spec-json')).not.toHaveValue(/"completionEvent": "FINISH"/);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('spec-json')).toHaveValue(/"completionEvent": "FINISH"/);
  await shot(page, 'editor');

  await publish(page, 'first version');
  await expect(page.locator('[data-testid="spec-graph"] [data-state="done"]')).toBeVisible();
  await page
    .getByRole('button', { name: /Start instance/ })
    .first()
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start instance' }).click();
  await page.waitForURL(/\/instances\/[0-9a-f-]{36}/);
  // Reload rather than rely on the live subscription: this test is about the published spec running to its end.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('current-state')).toHaveText('done', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  // v2: change one transition.
  await page.goto(`/definitions/${key}/edit`);
  await page.locator('[data-edge-event="FINISH"]').click();
  await expect(page.getByTestId('transition-inspector')).toBeVisible();
  await page.getByTestId('transition-inspector').getByLabel('Description').fill('the task finished');
  await page.getByTestId('transition-inspector').getByLabel('Description').press('Enter');
  await publish(page, 'describe FINISH');
  await expect(page.locator('.chip').first()).toHaveText('v2');

  await page.goto(`/definitions/${key}/diff?from=1&to=2`);
  await expect(page.getByTestId('diff-graph').locator('[data-state="done"]')).toBeVisible();
  await expect(page.locator('[data-diff="changed"]')).toHaveCount(1);
  await expect(page.locator('[data-diff]')).toHaveCount(1);
  await expect(page.getByTestId('diff-summary')).toContainText(`work:FINISH:0`);
  await expect(
    page.getByTestId('json-diff').locator('[data-line="added"]', { hasText: 'the task finished' }),
  ).toHaveCount(1);
  await shot(page, 'diff');

  // A draft, simulated to its final state entirely in the browser.
  await page.goto(`/definitions/${key}/edit`);
  await page.locator('.react-flow__node[data-id="work"]').click();
  await page.getByTestId('state-inspector').getByLabel('Description').fill('waiting for the task');
  await page.getByTestId('state-inspector').getByLabel('Description').press('Enter');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByTestId('saved')).toBeVisible();
  await page.goto(`/definitions/${key}/simulate?version=draft`);
  await page.getByLabel(/Initial context/).fill('{"orderId": 42}');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByTestId('sim-state')).toHaveText('start');
  await page.locator('[data-event="WORKFLOW_START"]').click();
  await expect(page.getByTestId('sim-state')).toHaveText('work');
  await expect(page.locator('pre.json', { hasText: '"prepare"' })).toBeVisible();
  await page.locator('[data-event="FINISH"]').click();
  await expect(page.getByTestId('sim-state')).toHaveText('done');
  await expect(page.locator('[data-current="true"]')).toHaveAttribute('data-state', 'done');
  await shot(page, 'simulator');
});
