import { z } from 'zod';
import { definitionKeySchema } from './ids';

// Definitions and the editor's drafts: reading a definition, saving and publishing a draft, diffing two versions.

export const definitionKeyInput = z.object({ key: definitionKeySchema });
export type DefinitionKeyInput = z.input<typeof definitionKeyInput>;

export const getDefinitionInput = definitionKeyInput.extend({ version: z.number().int().positive().optional() });
export type GetDefinitionInput = z.input<typeof getDefinitionInput>;

export const publishDefinitionInput = z.object({ spec: z.unknown(), message: z.string().max(2_000).optional() });
export type PublishDefinitionInput = z.input<typeof publishDefinitionInput>;

/** The spec is checked by the spec validator on publish; a draft may be unfinished. */
export const saveDraftInput = definitionKeyInput.extend({
  baseVersion: z.number().int().positive().nullable().optional(),
  spec: z.unknown(),
});
export type SaveDraftInput = z.input<typeof saveDraftInput>;

export const publishDraftInput = definitionKeyInput.extend({
  message: z.string().trim().min(1, 'a message is required').max(2_000),
});
export type PublishDraftInput = z.input<typeof publishDraftInput>;

/** A published version, or the draft. */
export const diffTargetSchema = z.union([z.number().int().positive(), z.literal('draft')]);
export const diffVersionsInput = definitionKeyInput.extend({ from: z.number().int().positive(), to: diffTargetSchema });
export type DiffVersionsInput = z.input<typeof diffVersionsInput>;

export const diffKinds = ['added', 'removed', 'changed'] as const;
export const diffKindSchema = z.enum(diffKinds);
export type DiffKind = z.infer<typeof diffKindSchema>;
