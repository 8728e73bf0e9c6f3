import { zodResolver } from '@hookform/resolvers/zod';
import { Suspense, lazy, useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import type { Finding } from '@meshwright/model';
import { Loading } from '../../../components/states';
import { ApiError } from '../../../lib/api-client';
import { useCreateBundle, type CreatedResource } from '../../review/api/bundles';
import { CreatedStatus } from '../../review/components/CreatedStatus';
import { CreateProgress } from '../../review/components/CreateProgress';
import { CreateRefused } from '../../review/components/CreateRefused';
import { ReviewStep } from '../../review/components/ReviewStep';
import { cliInputFiles } from '../../review/lib/cli-input-files';
import { reviewSections } from '../../review/lib/summary';
import { discardDraft, loadDraft, saveDraft } from '../lib/draft';
import { stepOfField, wizardFieldForBundlePath, wizardFieldForResource } from '../lib/field-paths';
import { defaultWizardValues, type WizardValues } from '../lib/form-values';
import { wizardFormSchema } from '../lib/form-schema';
import { withRouterDefaults } from '../lib/router-defaults';
import { toBundle } from '../lib/to-bundle';
import { wizardNames } from '../lib/validate';
import { StepMesh } from './StepMesh';
import { StepNodes } from './StepNodes';
import { StepRouter } from './StepRouter';
import { Stepper } from './Stepper';
import { wizardSteps } from './steps';

const storage = () => window.sessionStorage;
// The optional gateway step (and its route fields) loads when shown, so the wizard's first load stays in budget.
const StepGateway = lazy(() => import('./StepGateway').then((m) => ({ default: m.StepGateway })));
const reviewStep = wizardSteps.length - 1;
const gatewayStep = reviewStep - 1;

/** The "Get started" wizard: one form over its steps (the gateway one optional), kept as a draft until the mesh is created. */
export function WizardPage() {
  const initial = useMemo(() => loadDraft(storage()), []);
  const form = useForm<WizardValues>({
    resolver: zodResolver(wizardFormSchema),
    defaultValues: initial?.values ?? defaultWizardValues(),
    // Errors appear when the user leaves a field or presses Next. Not 'onTouched': with it, react-hook-form
    // validates a whole field array after "Add backend" or "Add target", flagging the new empty row at once.
    mode: 'onBlur',
  });
  const [step, setStep] = useState(initial?.step ?? 0);
  const [created, setCreated] = useState<CreatedResource[] | undefined>();
  const [pendingFocus, setPendingFocus] = useState<string | undefined>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const create = useCreateBundle();

  // Every change and every step move is written to the draft.
  useEffect(() => {
    saveDraft(storage(), { step, values: form.getValues() });
    const sub = form.watch(() => saveDraft(storage(), { step, values: form.getValues() }));
    return () => sub.unsubscribe();
  }, [form, step]);

  useEffect(() => {
    if (!pendingFocus) return;
    form.setFocus(pendingFocus as FieldPath<WizardValues>);
    setPendingFocus(undefined);
  }, [pendingFocus, form, step]);

  // Moving between steps puts focus on the page heading, unless a field is about to take it.
  const goTo = (next: number, focusHeading = true) => {
    setStep(next);
    create.reset();
    if (focusHeading) requestAnimationFrame(() => headingRef.current?.focus());
  };

  const next = async () => {
    const fields = wizardSteps[step]?.fields ?? [];
    if (!(await form.trigger(fields, { shouldFocus: true }))) return;
    if (step === 1) form.reset(withRouterDefaults(form.getValues()), { keepErrors: true, keepDirty: true, keepTouched: true });
    goTo(step + 1 === gatewayStep && !form.getValues('useGateway') ? reviewStep : step + 1);
  };

  /** Puts a message at the field it concerns and shows that field's step. */
  const showAtField = (field: string | undefined, message: string) => {
    if (!field) return false;
    goTo(stepOfField(field), false);
    form.setError(field as FieldPath<WizardValues>, { type: 'server', message });
    setPendingFocus(field);
    return true;
  };

  const values = form.getValues();
  const names = wizardNames(values);
  const onGoTo = (f: Finding) => showAtField(wizardFieldForResource(f.resource.kind, f.resource.name, f.path, names), f.message);

  const bundle = step === reviewStep ? toBundle(values) : undefined;
  const onCreate = () => {
    if (!bundle) return;
    create.mutate(bundle, {
      onSuccess: (result) => {
        discardDraft(storage());
        setCreated(result.created);
      },
      onError: (error) => {
        if (!(error instanceof ApiError)) return;
        const field = error.field
          ? (wizardFieldForBundlePath(error.field) ?? (error.resource ? wizardFieldForResource(error.resource.kind, error.resource.name, error.field, names) : undefined))
          : error.resource
            ? wizardFieldForResource(error.resource.kind, error.resource.name, '', names)
            : undefined;
        showAtField(field, error.message);
      },
    });
  };

  const startOver = () => {
    discardDraft(storage());
    form.reset(defaultWizardValues());
    setCreated(undefined);
    create.reset();
    setStep(0);
  };

  if (created) {
    return (
      <div className="page">
        <CreatedStatus meshName={values.meshName.trim()} created={created} onStartOver={startOver} />
      </div>
    );
  }

  const files = bundle ? cliInputFiles(bundle) : [];
  const createError = create.error instanceof ApiError ? create.error : undefined;
  return (
    <div className="page wizard">
      <div className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          Get started
        </h1>
        <button type="button" className="button-link danger" onClick={startOver}>
          Discard draft
        </button>
      </div>
      <Stepper current={step} onSelect={goTo} />
      <FormProvider {...form}>
        <form
          noValidate
          // Enter in a field means the step's primary action: Next, or Create mesh on the review.
          onSubmit={(e) => {
            e.preventDefault();
            if (step < reviewStep) void next();
            else if (!create.isPending) onCreate();
          }}
          aria-label={`Step ${step + 1} of ${wizardSteps.length}: ${wizardSteps[step]?.title ?? ''}`}
        >
          {step === 0 ? <StepMesh /> : null}
          {step === 1 ? <StepNodes /> : null}
          {step === 2 ? <StepRouter /> : null}
          {step === gatewayStep ? (
            <Suspense fallback={<Loading lines={4} />}>
              <StepGateway />
            </Suspense>
          ) : null}
          {step === reviewStep && bundle ? <ReviewStep bundle={bundle} sections={reviewSections(values)} onEdit={goTo} onGoTo={onGoTo} /> : null}
          {create.isPending || create.isError ? (
            <section className="card" aria-label="Create progress">
              <CreateProgress files={files} phase={create.isPending ? 'creating' : 'failed'} created={[]} error={createError} />
              {create.error ? <CreateRefused error={create.error} /> : null}
            </section>
          ) : null}
          <div className="wizard-actions">
            {step > 0 ? (
              <button type="button" className="button secondary" onClick={() => goTo(step === reviewStep && !values.useGateway ? gatewayStep - 1 : step - 1)}>
                Back
              </button>
            ) : (
              <span />
            )}
            {step < reviewStep ? (
              <button type="submit" className="button primary">
                Next
              </button>
            ) : (
              <button type="submit" className="button primary" disabled={create.isPending}>
                {create.isPending ? 'Creating…' : 'Create mesh'}
              </button>
            )}
          </div>
        </form>
      </FormProvider>
    </div>
  );
}
