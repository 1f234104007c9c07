/**
 * three.js side of the 3-D unit-cell view, kept free of React: spheres drawn as one InstancedMesh
 * per element (and per full / partial occupancy), the cell box as line segments, orbit controls,
 * and rendering only when something changes (no animation loop burning CPU).
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { StructureScene } from '../../api.ts';

export type Axis = 'a' | 'b' | 'c';

export interface CrystalViewer {
  setScene(scene: StructureScene): void;
  /** Multiplies every display radius (the scene's radii touch in a dense packing). */
  setAtomScale(scale: number): void;
  resetView(): void;
  viewAlong(axis: Axis): void;
  /**
   * Optional emphasis of one element (e.g. the mobile ion): its atoms are drawn opaque, larger and
   * slightly glowing; null restores the plain view. Call before or after setScene.
   */
  setHighlight?(element: string | null): void;
  /**
   * Optional translucent surface in the cell's Cartesian frame (Å): a triangle soup, 9 numbers per
   * triangle; null removes it. Used for isosurfaces of scalar fields.
   */
  setOverlay?(triangles: Float32Array | null, color?: string): void;
  dispose(): void;
}

/** How much larger a highlighted element is drawn than the others. */
const HIGHLIGHT_SCALE = 1.35;

export class WebGLUnavailableError extends Error {}

const AXIS_COLORS: Record<Axis, number> = { a: 0xd1495b, b: 0x3a9b4a, c: 0x2f6fd0 };

export function createCrystalViewer(
  container: HTMLElement,
  labels: Record<Axis, HTMLElement>,
): CrystalViewer {
  let renderer: THREE.WebGLRenderer;
  try {
    renderer = new THREE.WebGLRenderer({ antialias: true, alpha: false });
  } catch (err) {
    throw new WebGLUnavailableError((err as Error).message);
  }
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  renderer.setClearColor(0xf7f9fb);
  renderer.domElement.dataset.testid = 'crystal-canvas';
  container.prepend(renderer.domElement);

  const scene3 = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(30, 1, 0.1, 2000);
  camera.up.set(0, 0, 1); // c is (nearly) along z in natrium's Cartesian convention
  const headlight = new THREE.DirectionalLight(0xffffff, 1.6);
  headlight.position.set(0.4, 0.6, 1);
  camera.add(headlight);
  scene3.add(camera, new THREE.HemisphereLight(0xffffff, 0x8890a0, 1.4));

  const controls = new OrbitControls(camera, renderer.domElement);
  controls.enableDamping = false;

  const sphere = new THREE.SphereGeometry(1, 32, 20);
  const content = new THREE.Group();
  scene3.add(content);

  let atoms: StructureScene['atoms'] = [];
  let axes: Record<Axis, THREE.Vector3> = {
    a: new THREE.Vector3(1, 0, 0),
    b: new THREE.Vector3(0, 1, 0),
    c: new THREE.Vector3(0, 0, 1),
  };
  let atomScale = 0.45;
  let highlight: string | null = null;
  let lastScene: StructureScene | null = null;
  let overlay: THREE.Mesh | null = null;
  const meshes: { mesh: THREE.InstancedMesh; indices: number[] }[] = [];
  const center = new THREE.Vector3();
  let radius = 5;

  function render() {
    renderer.render(scene3, camera);
    placeAxisLabels();
  }

  function placeAxisLabels() {
    const { clientWidth: w, clientHeight: h } = container;
    for (const axis of ['a', 'b', 'c'] as const) {
      const p = axes[axis].clone().multiplyScalar(1.08).project(camera);
      const el = labels[axis];
      el.style.transform = `translate(${((p.x + 1) / 2) * w}px, ${((1 - p.y) / 2) * h}px) translate(-50%, -50%)`;
      el.style.visibility = p.z < 1 ? 'visible' : 'hidden';
    }
  }

  function clearContent() {
    for (const child of [...content.children]) {
      content.remove(child);
      if (child === overlay) continue; // owned by setOverlay, re-added by setScene
      if (child instanceof THREE.Mesh || child instanceof THREE.LineSegments) {
        if (child.geometry !== sphere) child.geometry.dispose();
        (child.material as THREE.Material).dispose();
      }
    }
    meshes.length = 0;
  }

  function placeInstances() {
    const m = new THREE.Matrix4();
    for (const { mesh, indices } of meshes) {
      indices.forEach((atomIndex, i) => {
        const at = atoms[atomIndex];
        const r =
          at.radius * atomScale * (highlight !== null && at.element === highlight ? HIGHLIGHT_SCALE : 1);
        m.makeScale(r, r, r).setPosition(at.x, at.y, at.z);
        mesh.setMatrixAt(i, m);
      });
      mesh.instanceMatrix.needsUpdate = true;
      mesh.computeBoundingSphere();
    }
  }

  function setScene(scene: StructureScene) {
    clearContent();
    lastScene = scene;
    atoms = scene.atoms;

    // One instanced mesh per (element, full/partial): partial occupancy is drawn translucent.
    const groups = new Map<string, number[]>();
    atoms.forEach((at, i) => {
      const partial = at.occupancy < 0.999 && at.element !== highlight;
      const key = `${at.element}|${partial ? 'partial' : 'full'}|${at.color}`;
      const list = groups.get(key) ?? [];
      list.push(i);
      groups.set(key, list);
    });
    for (const [key, indices] of groups) {
      const [element, kind, color] = key.split('|');
      const partial = kind === 'partial';
      const material = new THREE.MeshStandardMaterial({
        color: new THREE.Color(color),
        emissive: element === highlight ? new THREE.Color(color).multiplyScalar(0.35) : new THREE.Color(0),
        roughness: 0.42,
        metalness: 0.04,
        transparent: partial,
        opacity: partial ? 0.45 : 1,
        depthWrite: !partial,
      });
      const mesh = new THREE.InstancedMesh(sphere, material, indices.length);
      mesh.renderOrder = partial ? 1 : 0;
      meshes.push({ mesh, indices });
      content.add(mesh);
    }
    placeInstances();

    // The cell box, with the three edges from the origin coloured as the a, b, c axes.
    const plain: number[] = [];
    const found: Partial<Record<Axis, THREE.Vector3>> = {};
    for (const [p, q] of scene.cellEdges) {
      const axis = originAxis(p, q);
      if (axis && !found[axis]) {
        found[axis] = new THREE.Vector3(...(isOrigin(p) ? q : p));
        content.add(line([0, 0, 0, ...found[axis].toArray()], AXIS_COLORS[axis], 1));
      } else plain.push(...p, ...q);
    }
    content.add(line(plain, 0x4b5563, 0.9));
    axes = { ...axes, ...found };
    if (overlay) content.add(overlay);

    const box = new THREE.Box3();
    for (const at of atoms) box.expandByPoint(new THREE.Vector3(at.x, at.y, at.z));
    for (const [p, q] of scene.cellEdges)
      box.expandByPoint(new THREE.Vector3(...p)).expandByPoint(new THREE.Vector3(...q));
    if (box.isEmpty()) box.setFromCenterAndSize(new THREE.Vector3(), new THREE.Vector3(5, 5, 5));
    box.getCenter(center);
    radius = Math.max(box.getSize(new THREE.Vector3()).length() / 2, 1);
    resetView();
  }

  function line(positions: number[], color: number, opacity: number) {
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
    return new THREE.LineSegments(
      geometry,
      new THREE.LineBasicMaterial({ color, transparent: true, opacity }),
    );
  }

  function lookFrom(direction: THREE.Vector3, up: THREE.Vector3) {
    // Fit the bounding sphere into the narrower of the two fields of view.
    const halfV = THREE.MathUtils.degToRad(camera.fov / 2);
    const halfH = Math.atan(Math.tan(halfV) * camera.aspect);
    const distance = (radius / Math.sin(Math.min(halfV, halfH))) * 1.1;
    camera.up.copy(up);
    camera.position.copy(center).addScaledVector(direction.clone().normalize(), distance);
    camera.near = distance / 100;
    camera.far = distance * 10;
    camera.updateProjectionMatrix();
    controls.target.copy(center);
    controls.update();
    render();
  }

  function resetView() {
    // A slightly oblique view from the −b side, c up: the usual textbook perspective.
    lookFrom(new THREE.Vector3(0.55, -1, 0.35), new THREE.Vector3(0, 0, 1));
  }

  function viewAlong(axis: Axis) {
    const dir = axes[axis].clone();
    const up = axis === 'c' ? axes.b.clone() : axes.c.clone();
    lookFrom(dir, up);
  }

  function resize() {
    const { clientWidth: w, clientHeight: h } = container;
    if (w === 0 || h === 0) return;
    renderer.setSize(w, h, true);
    camera.aspect = w / h;
    camera.updateProjectionMatrix();
    render();
  }

  const observer = new ResizeObserver(resize);
  observer.observe(container);
  controls.addEventListener('change', render);
  resize();

  return {
    setScene,
    setAtomScale(scale) {
      atomScale = scale;
      placeInstances();
      render();
    },
    resetView,
    viewAlong,
    setHighlight(element) {
      if (element === highlight) return;
      highlight = element;
      if (!lastScene) return;
      // Rebuild the groups (opacity and emphasis are per material) but keep the camera where it is.
      const camPos = camera.position.clone();
      const target = controls.target.clone();
      const up = camera.up.clone();
      setScene(lastScene);
      camera.position.copy(camPos);
      camera.up.copy(up);
      controls.target.copy(target);
      controls.update();
      render();
    },
    setOverlay(triangles, color = '#0f766e') {
      if (overlay) {
        content.remove(overlay);
        overlay.geometry.dispose();
        (overlay.material as THREE.Material).dispose();
        overlay = null;
      }
      if (triangles && triangles.length >= 9) {
        const geometry = new THREE.BufferGeometry();
        geometry.setAttribute('position', new THREE.Float32BufferAttribute(triangles, 3));
        geometry.computeVertexNormals();
        overlay = new THREE.Mesh(
          geometry,
          new THREE.MeshStandardMaterial({
            color: new THREE.Color(color),
            transparent: true,
            opacity: 0.5,
            depthWrite: false,
            side: THREE.DoubleSide,
            roughness: 0.6,
          }),
        );
        overlay.renderOrder = 2;
        content.add(overlay);
      }
      render();
    },
    dispose() {
      observer.disconnect();
      controls.dispose();
      clearContent();
      sphere.dispose();
      renderer.dispose();
      renderer.domElement.remove();
    },
  };
}

function isOrigin(p: number[]): boolean {
  return Math.hypot(p[0], p[1], p[2]) < 1e-6;
}

/** Which lattice vector an edge from the origin is: a along x, b in the xy plane, c the rest. */
function originAxis(p: number[], q: number[]): Axis | undefined {
  if (!isOrigin(p) && !isOrigin(q)) return undefined;
  const v = isOrigin(p) ? q : p;
  const eps = 1e-6 * Math.hypot(v[0], v[1], v[2]);
  if (Math.abs(v[1]) < eps && Math.abs(v[2]) < eps) return 'a';
  if (Math.abs(v[2]) < eps) return 'b';
  return 'c';
}
