/** The workbench shell: header with the page navigation, and the active page below. */
import { StructureXrdPage } from './pages/structure-xrd/StructureXrdPage.tsx';

interface PageLink {
  id: string;
  title: string;
  ready: boolean;
}

// Pages mirror the domain modules; the ones not built yet are listed so the map is visible.
const PAGES: PageLink[] = [
  { id: 'structure-xrd', title: 'Structure & XRD', ready: true },
  { id: 'layered', title: 'Layered oxides', ready: false },
  { id: 'nasicon', title: 'NASICON', ready: false },
  { id: 'impedance', title: 'Impedance', ready: false },
  { id: 'cycling', title: 'Cycling', ready: false },
];

export function App() {
  const active = PAGES[0];
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            Na
          </span>
          <span className="brand-name">natrium</span>
          <span className="brand-sub">sodium-battery materials workbench</span>
        </div>
        <nav className="app-nav" aria-label="Workbench pages">
          {PAGES.map((p) =>
            p.ready ? (
              <a key={p.id} href={`#${p.id}`} className="nav-link active" aria-current="page">
                {p.title}
              </a>
            ) : (
              <span key={p.id} className="nav-link disabled" aria-disabled="true" title="Coming soon">
                {p.title}
                <span className="soon">coming</span>
              </span>
            ),
          )}
        </nav>
      </header>
      <main className="app-main">
        <h1 className="page-title">{active.title}</h1>
        <StructureXrdPage />
      </main>
    </div>
  );
}
