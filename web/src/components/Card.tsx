import type { ReactNode } from 'react';

/** A titled panel; `actions` sit at the right of the title bar. */
export function Card(props: {
  title: ReactNode;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className={`card ${props.className ?? ''}`} data-testid={props.testId}>
      <header className="card-head">
        <h2>{props.title}</h2>
        {props.actions && <div className="card-actions">{props.actions}</div>}
      </header>
      <div className="card-body">{props.children}</div>
    </section>
  );
}
