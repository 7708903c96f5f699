#!/usr/bin/env python3
"""NumPy baseline for `downhill run --model sigmoid` (see benches/README.md).

Fit:   run 1000 full-batch gradient-descent updates of y_hat = c*sigmoid(w*x + b)
       with mse, from w=1, b=0, c=1 at lr 0.01, the same math as the engine:

           r    = y - y_hat
           loss = mean(r^2)
           grad = mean(-2 r * d y_hat / d theta)
           theta <- theta - lr * grad

       Every update is fully vectorised over the rows (no Python loop over rows);
       like the engine, the loss and gradient are evaluated at the start and after
       each update (1 + steps evaluations).

           python3 benches/numpy_sigmoid.py /tmp/sig100k.csv [--steps 1000] [--lr 0.01] [--plain]

       --plain computes sigma as 1/(1+exp(-z)), sigma' as s(1-s): fewer array
       passes than the engine's overflow-free exp(-|z|) form, same numbers to ~1e-16.

       Prints the final params and loss, then the load time and the loop time.

Data:  write the benchmark CSVs (x,y header; seeded, so identical on every machine):

           python3 benches/numpy_sigmoid.py --make-data sigmoid 100000 /tmp/sig100k.csv
           python3 benches/numpy_sigmoid.py --make-data linear 1000000 /tmp/lin1m.csv

       sigmoid: x ~ U[-4, 4], y = 3*sigmoid(1.5x - 0.5) + N(0, 0.1^2)
       linear:  x ~ U[-4, 4], y = 2x - 1 + N(0, 0.5^2)
"""

import argparse
import sys
import time

import numpy as np


def make_data(kind: str, rows: int, path: str) -> None:
    rng = np.random.default_rng(42)
    x = rng.uniform(-4.0, 4.0, rows)
    if kind == "sigmoid":
        y = 3.0 / (1.0 + np.exp(-(1.5 * x - 0.5))) + rng.normal(0.0, 0.1, rows)
    elif kind == "linear":
        y = 2.0 * x - 1.0 + rng.normal(0.0, 0.5, rows)
    else:
        sys.exit(f"unknown kind {kind!r} (sigmoid or linear)")
    np.savetxt(
        path,
        np.column_stack([x, y]),
        delimiter=",",
        header="x,y",
        comments="",
        fmt="%.17g",
    )


def evaluate(x, y, w, b, c, plain=False):
    """mean(r^2) and its gradient over (w, b, c), like Objective::evaluate."""
    z = w * x + b
    if plain:
        # The textbook form: fewer array passes, overflows only for z < -709.
        s = 1.0 / (1.0 + np.exp(-z))
        ds = s * (1.0 - s)
    else:
        # sigma(z) and sigma'(z) from e = exp(-|z|), as the engine does, so
        # that neither overflows for any z.
        e = np.exp(-np.abs(z))
        d = 1.0 + e
        s = np.where(z >= 0.0, 1.0, e) / d
        ds = e / (d * d)
    r = y - c * s
    slope = -2.0 * r  # dl/dy_hat
    t = slope * (c * ds)  # dl/db
    loss = np.mean(r * r)
    grad = np.array([np.mean(t * x), np.mean(t), np.mean(slope * s)])
    return loss, grad


def fit(path: str, steps: int, lr: float, plain: bool) -> None:
    t0 = time.perf_counter()
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
    x = np.ascontiguousarray(data[:, 0])
    y = np.ascontiguousarray(data[:, 1])
    t1 = time.perf_counter()

    theta = np.array([1.0, 0.0, 1.0])  # w, b, c
    loss, grad = evaluate(x, y, *theta, plain=plain)
    for _ in range(steps):
        theta = theta - lr * grad
        loss, grad = evaluate(x, y, *theta, plain=plain)
    t2 = time.perf_counter()

    w, b, c = (float(v) for v in theta)
    form = "plain 1/(1+exp(-z))" if plain else "stable exp(-|z|)"
    print(f"rows={x.size} steps={steps} lr={lr} sigmoid={form}")
    print(f"final w={w!r} b={b!r} c={c!r}")
    print(f"final loss={float(loss)!r}")
    print(f"grad={grad.tolist()!r}")
    print(f"load_seconds={t1 - t0:.4f}")
    print(f"loop_seconds={t2 - t1:.4f}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--make-data":
        if len(sys.argv) != 5:
            sys.exit("usage: numpy_sigmoid.py --make-data {sigmoid,linear} ROWS PATH")
        make_data(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return
    p = argparse.ArgumentParser(description="NumPy sigmoid+mse gradient descent baseline")
    p.add_argument("csv", help="CSV with header x,y")
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument(
        "--plain",
        action="store_true",
        help="sigmoid as 1/(1+exp(-z)) instead of the engine's exp(-|z|) form",
    )
    a = p.parse_args()
    fit(a.csv, a.steps, a.lr, a.plain)


if __name__ == "__main__":
    main()
