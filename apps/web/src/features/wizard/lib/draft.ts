import type { WizardValues } from './form-values';
import { wizardValuesSchema } from './form-schema';

// The wizard draft in sessionStorage, so a reload loses nothing. NaN (an empty number input) does not
// survive JSON, so it is written as a marker and read back.

export const draftKey = 'meshwright.wizard.draft.v1';
const nanMarker = '\u0000NaN';

export interface Draft {
  step: number;
  values: WizardValues;
}

/** The part of Storage the draft uses, so tests can pass a Map-backed one. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function serializeDraft(draft: Draft): string {
  return JSON.stringify(draft, (_key, value: unknown) => (typeof value === 'number' && Number.isNaN(value) ? nanMarker : value));
}

/** The stored draft, or undefined when there is none or it does not fit the current form. */
export function parseDraft(text: string | null): Draft | undefined {
  if (!text) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text, (_key, value: unknown) => (value === nanMarker ? Number.NaN : value));
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || !('values' in raw) || !('step' in raw)) return undefined;
  const values = wizardValuesSchema.safeParse(raw.values);
  const step = typeof raw.step === 'number' && raw.step >= 0 && raw.step <= 4 ? raw.step : 0;
  return values.success ? { step, values: values.data } : undefined;
}

export function loadDraft(storage: DraftStorage): Draft | undefined {
  try {
    return parseDraft(storage.getItem(draftKey));
  } catch {
    return undefined;
  }
}

export function saveDraft(storage: DraftStorage, draft: Draft): void {
  try {
    storage.setItem(draftKey, serializeDraft(draft));
  } catch {
    // Storage full or disabled (private mode): the wizard still works, only without a draft.
  }
}

export function discardDraft(storage: DraftStorage): void {
  try {
    storage.removeItem(draftKey);
  } catch {
    // Nothing stored to remove.
  }
}
