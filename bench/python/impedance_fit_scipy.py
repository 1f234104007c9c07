"""Independent reproduction of impedance.py's documented CNLS procedure (circuit_fit, v1.7.1), written
from its documentation, not copied: scipy.optimize.curve_fit on the stacked vector [Z', Z''] with
p0 = the user's guess, bounds (0, +inf) for every parameter (impedance.py's default bounds; only CPE/La
exponents get an upper bound of 1), ftol = 1e-13 and maxfev = 1e5 set by impedance.py, everything else
curve_fit's defaults. Because bounds are given, curve_fit uses least_squares(method='trf') with its
defaults xtol = gtol = 1e-8 and x_scale = 1. σ = sqrt(diag(pcov)) with pcov scaled by SSR/(2N - p)
(curve_fit, absolute_sigma=False). Data: points with Z'' < 0 only (impedance.py's
preprocessing.ignoreBelowX). Element Wo (impedance.py docs): Z = Z0 coth(sqrt(j w tau))/sqrt(j w tau).

Usage:
  python3 impedance_fit_scipy.py FILE.csv             -> JSON report (fit, sigma, SSR, termination)
  python3 impedance_fit_scipy.py FILE.csv --bench N   -> also N timed runs ("seconds" = median) of
      impedance.py's procedure and of the converged variant (xtol = gtol = 1e-15, same minimum as
      natrium), under out["bench"]
  python3 impedance_fit_scipy.py FILE.csv --at v1,..  -> SSR and sigma evaluated at given parameters
Extra diagnostics (--diagnose): the same fit with xtol/gtol tightened, with x_scale='jac' and with
method='lm' (no bounds), to show where curve_fit's default run stops.
"""

import json
import sys
import time
import warnings

import numpy as np
from scipy.optimize import curve_fit, least_squares

GUESS = [0.01, 0.01, 100.0, 0.01, 0.05, 100.0, 1.0]
NAMES = ["R0", "R1", "C1", "R2", "Wo1_0", "Wo1_1", "C2"]


def read_csv(path):
    d = np.loadtxt(path, delimiter=",")
    f, zr, zi = d[:, 0], d[:, 1], d[:, 2]
    keep = zi < 0  # ignoreBelowX: drop inductive (positive-imaginary) points
    return f[keep], zr[keep] + 1j * zi[keep]


def model(f, R0, R1, C1, R2, Z0, tau, C2):
    """R0-p(R1,C1)-p(R2-Wo1,C2), stacked [Re, Im]."""
    w = 2 * np.pi * f
    zc1 = 1 / (1j * w * C1)
    zc2 = 1 / (1j * w * C2)
    s = np.sqrt(1j * w * tau)
    zwo = Z0 / (s * np.tanh(s))
    z = R0 + 1 / (1 / R1 + 1 / zc1) + 1 / (1 / (R2 + zwo) + 1 / zc2)
    return np.hstack([z.real, z.imag])


def fit(f, z, p0, **kw):
    kwargs = {"ftol": 1e-13, "maxfev": int(1e5)}  # impedance.py's own defaults
    kwargs.update(kw)
    bounds = kwargs.pop("bounds", (np.zeros(7), np.full(7, np.inf)))
    y = np.hstack([z.real, z.imag])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        popt, pcov, info, msg, ier = curve_fit(
            model, f, y, p0=p0, bounds=bounds, full_output=True, **kwargs
        )
    r = model(f, *popt) - y
    return popt, pcov, float(r @ r), info, msg


def sigma_at(f, z, p):
    """curve_fit's covariance at fixed p: inv(J^T J) * SSR/(2N - p), J by central differences."""
    y = np.hstack([z.real, z.imag])
    p = np.asarray(p, float)
    J = np.empty((2 * len(f), len(p)))
    for j in range(len(p)):
        h = 6.055e-6 * abs(p[j])
        pp, pm = p.copy(), p.copy()
        pp[j] += h
        pm[j] -= h
        J[:, j] = (model(f, *pp) - model(f, *pm)) / (2 * h)
    r = model(f, *p) - y
    ssr = float(r @ r)
    cov = np.linalg.inv(J.T @ J) * ssr / (2 * len(f) - len(p))
    grad = 2 * J.T @ r  # d SSR / d p
    return ssr, np.sqrt(np.diag(cov)), grad


def report(tag, popt, pcov, ssr, info, msg):
    return {
        "run": tag,
        "fit": popt.tolist(),
        "sigma": np.sqrt(np.diag(pcov)).tolist(),
        "ssr": ssr,
        "nfev": int(info.get("nfev", -1)),
        "message": str(msg),
    }


def main():
    path = sys.argv[1]
    f, z = read_csv(path)
    out = {"points": int(len(f)), "names": NAMES, "guess": GUESS}
    if "--at" in sys.argv:
        p = [float(v) for v in sys.argv[sys.argv.index("--at") + 1].split(",")]
        ssr, sig, grad = sigma_at(f, z, p)
        out["at"] = {
            "params": p,
            "ssr": ssr,
            "sigma": sig.tolist(),
            "grad_ssr": grad.tolist(),
            # d SSR / d ln p_j, relative to SSR: scale-free stationarity measure
            "grad_log_rel": (grad * np.asarray(p) / ssr).tolist(),
        }
        print(json.dumps(out))
        return
    popt, pcov, ssr, info, msg = fit(f, z, GUESS)
    out["impedancepy_procedure"] = report("curve_fit trf, ftol 1e-13, xtol=gtol=1e-8 (defaults)", popt, pcov, ssr, info, msg)
    if "--diagnose" in sys.argv:
        runs = []
        for tag, kw in [
            ("xtol=gtol=1e-15", {"xtol": 1e-15, "gtol": 1e-15}),
            ("x_scale='jac'", {"x_scale": "jac"}),
            ("x_scale='jac', xtol=gtol=1e-15", {"x_scale": "jac", "xtol": 1e-15, "gtol": 1e-15}),
            ("method='lm' (no bounds)", {"method": "lm", "bounds": (-np.inf, np.inf), "xtol": 1e-15, "gtol": 1e-15}),
        ]:
            try:
                runs.append(report(tag, *fit(f, z, GUESS, **kw)))
            except Exception as e:  # report, do not hide
                runs.append({"run": tag, "error": str(e)})
        out["diagnostics"] = runs
        # Restart from the default result: does trf move on when started at its own stop point?
        p2, c2, s2, i2, m2 = fit(f, z, popt)
        out["restart_from_stop"] = report("restart at the default stop point", p2, c2, s2, i2, m2)
    if "--bench" in sys.argv:
        i = sys.argv.index("--bench")
        reps = int(sys.argv[i + 1]) if len(sys.argv) > i + 1 else 20
        out["bench"] = {}
        for tag, kw in [("impedancepy", {}), ("converged", {"xtol": 1e-15, "gtol": 1e-15})]:
            times = []
            for _ in range(reps):
                t0 = time.perf_counter()
                popt, pcov, ssr, info, msg = fit(f, z, GUESS, **kw)
                times.append(time.perf_counter() - t0)
            out["bench"][tag] = {
                "seconds": float(np.median(times)),
                "seconds_min": float(np.min(times)),
                "fit": popt.tolist(),
                "sigma": np.sqrt(np.diag(pcov)).tolist(),
                "ssr": ssr,
                "nfev": int(info.get("nfev", -1)),
            }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
