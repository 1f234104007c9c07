"""Python baseline for natrium's DRT bench case (1ZARC.csv), written for `npm run bench`.

What is reproduced (pyDRTtools' method, Wan et al., Electrochim. Acta 184 (2015) 483 — written here
from the paper and pyDRTtools' documented options, not copied): Gaussian RBF discretisation with one
RBF per measured frequency on the log-tau grid 1/omega_max..1/omega_min, FWHM coefficient 0.5
(shape eps = 0.5*2*sqrt(ln 2)/d(ln tau)), combined real+imaginary data, R_inf and a sign-free series
inductance as extra unknowns, first-derivative Tikhonov penalty, lambda chosen by generalised
cross-validation (GCV) of the unconstrained problem, gamma >= 0.

To make the two programs solve the *identical* problem, the discretisation details are natrium's
(so the result can be compared number by number): kernel integrals by the trapezoid rule on 241 nodes
over +-6/eps, penalty = derivative of the RBF expansion sampled on a fine grid (4 samples per RBF
spacing, 3 spacings beyond each end), GCV scan 1e-8..1e1 in quarter decades + 15 golden-section
steps within +-0.25 decade (GCV trace via a Cholesky factor of A^T A + lambda P^T P, LAPACK), final solve = NNLS on the augmented system [A; sqrt(lambda) P]
(scipy.optimize.nnls; the free inductance is split into L+ - L-). pyDRTtools itself solves a QP
with cvxopt (not installed here) and assembles the kernel with scipy.integrate.quad; the vectorised
NumPy assembly used here is faster than that, so the timing is a favourable one for Python;
`--quad` also times the run with the kernel assembled by quad per distinct entry, as pyDRTtools does.

Reads the CSV path from argv[1]; prints JSON {seconds, lambda, rInf, inductanceH, rPol, peakTau}.
`--repeat N` times N runs and reports the median ("seconds") and the minimum.
"""

import json
import sys
import time

import numpy as np
from scipy.linalg import cho_factor, cho_solve
from scipy.integrate import quad
from scipy.optimize import nnls

QUAD_POINTS = 241
QUAD_HALF_WIDTH = 6.0


def read(path):
    d = np.loadtxt(path, delimiter=",", skiprows=1)
    return d[:, 1], d[:, 2], d[:, 3]


def quad_kernel(s, eps):
    """pyDRTtools-style entry: integral over u in [-50, 50] of phi(eps u) [1, -x]/(1 + x^2), x = e^(s+u),
    by scipy.integrate.quad (epsabs = epsrel = 1e-9), one call per part."""
    re = quad(lambda u: np.exp(-((eps * u) ** 2)) / (1 + np.exp(2 * (s + u))), -50, 50, epsabs=1e-9, epsrel=1e-9)[0]
    im = quad(
        lambda u: -np.exp(-((eps * u) ** 2)) * np.exp(s + u) / (1 + np.exp(2 * (s + u))),
        -50,
        50,
        epsabs=1e-9,
        epsrel=1e-9,
    )[0]
    return re, im


def drt(f, zr, zi, assembly="numpy"):
    n = len(f)
    w = 2 * np.pi * f
    y0, y1 = np.log(1 / w.max()), np.log(1 / w.min())
    M = n
    dy = (y1 - y0) / (M - 1)
    yc = y0 + dy * np.arange(M)
    eps = 0.5 * 2 * np.sqrt(np.log(2)) / dy
    # Kernel: trapezoid over u in [-6/eps, 6/eps].
    h = 2 * QUAD_HALF_WIDTH / eps / (QUAD_POINTS - 1)
    u = -QUAD_HALF_WIDTH / eps + h * np.arange(QUAD_POINTS)
    phi = np.exp(-((eps * u) ** 2)) * h
    phi[0] *= 0.5
    phi[-1] *= 0.5
    # Log-spaced sweep on the centres' grid: entries depend only on p_i + m (Toeplitz/Hankel
    # structure, as pyDRTtools exploits): 2M - 1 integrals instead of n*M.
    p = (np.log(w) - np.log(w.min())) / dy
    if np.all(np.abs(p - np.round(p)) < 1e-9):
        p = np.round(p).astype(int)
        k = np.arange(p.max() + M)
        if assembly == "quad":
            c = np.array([quad_kernel(np.log(w.min()) + yc[0] + kk * dy, eps) for kk in k])
            c_re, c_im = c[:, 0], c[:, 1]
        else:
            x = np.exp(np.log(w.min()) + yc[0] + k * dy)[:, None] * np.exp(u)[None, :]
            d = 1 / (1 + x * x)
            c_re, c_im = (d * phi).sum(axis=1), -(x * d * phi).sum(axis=1)
        idx = p[:, None] + np.arange(M)[None, :]
        a_re, a_im = c_re[idx], c_im[idx]
    else:
        x = (w[:, None] * np.exp(yc)[None, :])[:, :, None] * np.exp(u)[None, None, :]
        d = 1 / (1 + x * x)
        a_re = (d * phi).sum(axis=2)
        a_im = -(x * d * phi).sum(axis=2)
    use_l = bool((zi > 0).any())
    # Unknowns: R_inf, (L), x_1..x_M
    off = 2 if use_l else 1
    cols = off + M
    A = np.zeros((2 * n, cols))
    A[:n, 0] = 1
    A[:n, off:] = a_re
    if use_l:
        A[n:, 1] = w
    A[n:, off:] = a_im
    b = np.concatenate([zr, zi])
    # Penalty: first derivative of the RBF expansion on a fine grid.
    fine = int(round(4 * (M + 5)))
    hf = (y1 - y0 + 6 * dy) / (fine - 1)
    yf = y0 - 3 * dy + hf * np.arange(fine)
    uu = yf[:, None] - yc[None, :]
    P = np.zeros((fine, cols))
    P[:, off:] = np.sqrt(hf) * (-2 * eps * eps * uu * np.exp(-((eps * uu) ** 2)))
    ata, atb, btb, ptp = A.T @ A, A.T @ b, b @ b, P.T @ P
    m = 2 * n
    floor = 1e-14 * np.trace(ata) / cols

    def gcv(lam):
        H = ata + lam * ptp + floor * np.eye(cols)
        try:
            c = cho_factor(H)
        except np.linalg.LinAlgError:
            return np.inf
        xx = cho_solve(c, atb)
        rss = max(xx @ ata @ xx - 2 * xx @ atb + btb, 0.0)
        trk = np.trace(cho_solve(c, ata))
        den = m - trk
        return m * rss / den**2 if den > 0 else np.inf

    best, lam = np.inf, 1e-8
    for e in np.arange(-8, 1 + 1e-9, 0.25):
        s = gcv(10.0**e)
        if s < best:
            best, lam = s, 10.0**e
    a1, b1 = np.log10(lam) - 0.25, np.log10(lam) + 0.25
    gr = (np.sqrt(5) - 1) / 2
    c1, d1 = b1 - gr * (b1 - a1), a1 + gr * (b1 - a1)
    fc, fd = gcv(10.0**c1), gcv(10.0**d1)
    for _ in range(15):  # golden section, one new evaluation per step
        if fc < fd:
            b1, d1, fd = d1, c1, fc
            c1 = b1 - gr * (b1 - a1)
            fc = gcv(10.0**c1)
        else:
            a1, c1, fc = c1, d1, fd
            d1 = a1 + gr * (b1 - a1)
            fd = gcv(10.0**d1)
    lam = 10.0 ** ((a1 + b1) / 2)
    # NNLS on the augmented system; a free inductance is split into two non-negative columns.
    Aaug = np.vstack([A, np.sqrt(lam) * P])
    baug = np.concatenate([b, np.zeros(fine)])
    if use_l:
        Aaug = np.hstack([Aaug, -Aaug[:, 1:2]])
    sol, _ = nnls(Aaug, baug, maxiter=50 * cols)
    L = sol[1] - sol[-1] if use_l else None
    xw = sol[off : off + M]
    r_pol = xw.sum() * np.sqrt(np.pi) / eps
    ppd = 20
    n_out = max(2, int(round((y1 - y0) / np.log(10) * ppd)) + 1)
    yo = np.linspace(y0, y1, n_out)
    g = (xw[None, :] * np.exp(-((eps * (yo[:, None] - yc[None, :])) ** 2))).sum(axis=1)
    return {
        "lambda": float(lam),
        "rInf": float(sol[0]),
        "inductanceH": None if L is None else float(L),
        "rPol": float(r_pol),
        "peakTau": float(np.exp(yo[int(np.argmax(g))])),
    }


def main():
    f, zr, zi = read(sys.argv[1])
    reps = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    times = []
    out = None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = drt(f, zr, zi)
        times.append(time.perf_counter() - t0)
    out["seconds"] = float(np.median(times))
    out["seconds_min"] = float(np.min(times))
    out["runs"] = reps
    if "--quad" in sys.argv:
        # pyDRTtools' way of assembling the kernel (quad per distinct entry); everything else equal.
        qt = []
        for _ in range(max(1, reps // 3)):
            t0 = time.perf_counter()
            q = drt(f, zr, zi, assembly="quad")
            qt.append(time.perf_counter() - t0)
        out["quad"] = {"seconds": float(np.median(qt)), "lambda": q["lambda"], "rInf": q["rInf"], "rPol": q["rPol"]}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
