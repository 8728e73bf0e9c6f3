import { wizardSteps } from './steps';

/** The step list: done steps can be revisited, later ones only through Next. */
export function Stepper({ current, onSelect }: { current: number; onSelect: (step: number) => void }) {
  return (
    <nav aria-label="Wizard steps">
      <ol className="stepper">
        {wizardSteps.map((s, i) => (
          <li key={s.title} className={i === current ? 'current' : i < current ? 'done' : 'todo'}>
            <button type="button" onClick={() => onSelect(i)} disabled={i > current} aria-current={i === current ? 'step' : undefined}>
              <span className="step-number" aria-hidden="true">
                {i + 1}
              </span>
              <span>{s.title}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
