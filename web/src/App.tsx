/** The workbench shell: header with the page navigation, and the active page below. */
import { useEffect, useState } from 'react';
import { CyclingPage } from './pages/cycling/CyclingPage.tsx';
import { GlidingPage } from './pages/gliding/GlidingPage.tsx';
import { ImpedancePage } from './pages/impedance/ImpedancePage.tsx';
import { InterfacePage } from './pages/interface/InterfacePage.tsx';
import { LayeredPage } from './pages/layered/LayeredPage.tsx';
import { NasiconPage } from './pages/nasicon/NasiconPage.tsx';
import { ProjectsPage } from './pages/projects/ProjectsPage.tsx';
import { StructureXrdPage } from './pages/structure-xrd/StructureXrdPage.tsx';

interface PageLink {
  id: string;
  title: string;
  ready: boolean;
}

// Pages mirror the domain modules; the ones not built yet are listed so the map is visible.
const PAGES: PageLink[] = [
  { id: 'structure-xrd', title: 'Structure & XRD', ready: true },
  { id: 'projects', title: 'Projects', ready: true },
  { id: 'layered', title: 'Layered oxides', ready: true },
  { id: 'nasicon', title: 'NASICON', ready: true },
  { id: 'impedance', title: 'Impedance', ready: true },
  { id: 'cycling', title: 'Cycling', ready: true },
  { id: 'interface', title: 'Interface', ready: true },
  { id: 'gliding', title: 'Gliding', ready: true },
];

/** The page named by the URL hash (#projects…); the first page when none matches. */
function pageFromHash(): PageLink {
  const id = window.location.hash.replace(/^#/, '');
  return PAGES.find((p) => p.ready && p.id === id) ?? PAGES[0];
}

export function App() {
  const [active, setActive] = useState<PageLink>(pageFromHash);
  useEffect(() => {
    const onHash = () => setActive(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
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
              <a
                key={p.id}
                href={`#${p.id}`}
                className={`nav-link ${p.id === active.id ? 'active' : ''}`}
                aria-current={p.id === active.id ? 'page' : undefined}
              >
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
        {active.id === 'projects' ? (
          <ProjectsPage />
        ) : active.id === 'nasicon' ? (
          <NasiconPage />
        ) : active.id === 'interface' ? (
          <InterfacePage />
        ) : active.id === 'impedance' ? (
          <ImpedancePage />
        ) : active.id === 'cycling' ? (
          <CyclingPage />
        ) : active.id === 'layered' ? (
          <LayeredPage />
        ) : active.id === 'gliding' ? (
          <GlidingPage />
        ) : (
          <StructureXrdPage />
        )}
      </main>
    </div>
  );
}
