// The wizard's review step with its summary, loaded only when the user reaches it: the summary
// (gateway routing sentences included) and the dry-run panels stay out of the wizard's first load.
import type { Bundle, Finding } from '@meshwright/model';
import type { WizardValues } from '../../wizard/lib/form-values';
import { reviewSections } from '../lib/summary';
import { ReviewStep } from './ReviewStep';

export function WizardReview({ bundle, values, onEdit, onGoTo }: { bundle: Bundle; values: WizardValues; onEdit: (step: number) => void; onGoTo: (f: Finding) => void }) {
  return <ReviewStep bundle={bundle} sections={reviewSections(values)} onEdit={onEdit} onGoTo={onGoTo} />;
}
