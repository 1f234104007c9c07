"""Per-reflection NumPy powder-XRD loop, the algorithm pymatgen's XRDCalculator uses (written here
from its documented method, not copied): enumerate reciprocal-lattice points in the sphere
|g| <= 2 sin(theta_max)/lambda, then for each point in a Python loop evaluate F with NumPy over all
atoms.  Used only by `npm run bench` as the Python baseline; reads a JSON job on stdin, prints
{"seconds": t, "reflections": n, "timedReflections": m}.  With "maxReflections" set, only the first m
reflections are timed and the caller extrapolates linearly (the loop cost is the same per reflection).
"""
import json
import sys
import time

import numpy as np

job = json.load(sys.stdin)
lat = np.array(job["matrix"], dtype=float).reshape(3, 3)
frac = np.array(job["frac"], dtype=float)
occ = np.array(job["occupancy"], dtype=float)
coeffs = np.array(job["coeffs"], dtype=float)  # per atom: a1..a4, b1..b4, c
lam = job["wavelength"]
tmin, tmax = np.radians(job["twoThetaRange"])

t0 = time.perf_counter()
recip = np.linalg.inv(lat).T
gmax = 2 * np.sin(tmax / 2) / lam
hmax = [int(np.floor(gmax * np.linalg.norm(lat[i]))) for i in range(3)]
h, k, l = np.meshgrid(*[np.arange(-m, m + 1) for m in hmax], indexing="ij")
hkl = np.stack([h.ravel(), k.ravel(), l.ravel()], axis=1)
g = np.linalg.norm(hkl @ recip, axis=1)
keep = (g > 0) & (g <= gmax)
hkl, g = hkl[keep], g[keep]
limit = job.get("maxReflections") or len(hkl)
a = coeffs[:, 0:4]
b = coeffs[:, 4:8]
c = coeffs[:, 8]
peaks = {}
for idx in range(min(limit, len(hkl))):
    s = g[idx] / 2
    theta = np.arcsin(lam * s)
    if 2 * theta < tmin:
        continue
    fs = np.sum(a * np.exp(-b * s * s), axis=1) + c
    f_hkl = np.sum(fs * occ * np.exp(2j * np.pi * (frac @ hkl[idx])))
    lp = (1 + np.cos(2 * theta) ** 2) / (np.sin(theta) ** 2 * np.cos(theta))
    key = round(float(np.degrees(2 * theta)), 5)
    peaks[key] = peaks.get(key, 0.0) + (f_hkl * f_hkl.conjugate()).real * lp
elapsed = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "reflections": int(len(hkl)), "timedReflections": int(min(limit, len(hkl)))}))
