#!/usr/bin/env python3
"""NumPy and JAX baselines for `downhill run --model mlp:16,16` (see benches/README.md).

Fit:   run full-batch gradient descent on a tanh network with two inputs, hidden
       layers of 16 and 16 and one linear output, with mse, from the start downhill
       itself takes (read from its `--steps 0 --format json` output), the same math
       as the engine (README, "Models"):

           Z1 = X W1^T + b1, A1 = tanh(Z1), Z2 = A1 W2^T + b2, A2 = tanh(Z2),
           y_hat = A2 W3^T + b3, loss = mean((y - y_hat)^2),
           gradient by backpropagation, theta <- theta - lr * grad

       Every update is vectorised over the rows (matrix products, no Python loop
       over rows); like the engine, loss and gradient are evaluated at the start
       and after each update (1 + steps evaluations).

           python3 benches/numpy_mlp.py DATA.csv START.json [--steps 1000] [--lr 0.01]
           python3 benches/numpy_mlp.py DATA.csv START.json --jax
           python3 benches/numpy_mlp.py DATA.csv START.json --expect LOSS

       --jax runs the same loop as one jax.jit-compiled lax.scan over the steps in
       float64, with the gradient from jax.value_and_grad; it reports the compile
       (first call) and the compiled loop (second call) separately.

       Prints the final loss and params, then the load time and the loop time;
       --expect LOSS (downhill's final loss) also checks that they agree to 1e-9
       relative and exits 1 if not.

Data:  write the benchmark CSV (x1,x2,y header; seeded, so identical everywhere):

           python3 benches/numpy_mlp.py --make-data 10000 /tmp/plane10k.csv

       x1, x2 ~ U[-2, 2], y = 1.5 x1 - 2 x2 + 0.5 + N(0, 0.3^2), like `--dataset plane`.
"""

import argparse
import json
import sys
import time

import numpy as np

SHAPES = [(16, 2), (16, 16), (1, 16)]


def make_data(rows: int, path: str) -> None:
    rng = np.random.default_rng(42)
    x = rng.uniform(-2.0, 2.0, (rows, 2))
    y = 1.5 * x[:, 0] - 2.0 * x[:, 1] + 0.5 + rng.normal(0.0, 0.3, rows)
    np.savetxt(
        path,
        np.column_stack([x, y]),
        delimiter=",",
        header="x1,x2,y",
        comments="",
        fmt="%.17g",
    )


def unpack(theta):
    """downhill's order: each layer's W row by row, then its b."""
    layers, p = [], 0
    for n_out, n_in in SHAPES:
        w = theta[p : p + n_out * n_in].reshape(n_out, n_in)
        p += n_out * n_in
        layers.append((w, theta[p : p + n_out]))
        p += n_out
    return layers


def pack(grads):
    return np.concatenate([np.concatenate([gw.ravel(), gb]) for gw, gb in grads])


def evaluate(x, y, theta):
    """mean(r^2) and its gradient, by backpropagation over all rows at once."""
    (w1, b1), (w2, b2), (w3, b3) = unpack(theta)
    a1 = np.tanh(x @ w1.T + b1)
    a2 = np.tanh(a1 @ w2.T + b2)
    r = y - (a2 @ w3.T)[:, 0] - b3[0]
    loss = np.mean(r * r)
    d3 = (-2.0 / y.size) * r  # dl/dy_hat, divided by N for the mean
    d2 = np.outer(d3, w3[0]) * (1.0 - a2 * a2)
    d1 = (d2 @ w2) * (1.0 - a1 * a1)
    grads = [
        (d1.T @ x, d1.sum(axis=0)),
        (d2.T @ a1, d2.sum(axis=0)),
        ((d3 @ a2)[None, :], np.array([d3.sum()])),
    ]
    return loss, pack(grads)


def fit_numpy(x, y, theta, steps, lr):
    loss, grad = evaluate(x, y, theta)
    for _ in range(steps):
        theta = theta - lr * grad
        loss, grad = evaluate(x, y, theta)
    return float(loss), theta


def fit_jax(x, y, theta, steps, lr):
    """The same loop as one compiled lax.scan; returns loss, params, compile seconds."""
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)

    def loss_fn(t, x, y):
        (w1, b1), (w2, b2), (w3, b3) = unpack(t)
        a1 = jnp.tanh(x @ w1.T + b1)
        a2 = jnp.tanh(a1 @ w2.T + b2)
        r = y - (a2 @ w3.T)[:, 0] - b3[0]
        return jnp.mean(r * r)

    value_and_grad = jax.value_and_grad(loss_fn)

    @jax.jit
    def run(t, x, y):
        def step(t, _):
            _, g = value_and_grad(t, x, y)
            return t - lr * g, None

        t, _ = jax.lax.scan(step, t, None, length=steps)
        return loss_fn(t, x, y), t

    x, y, t = jnp.asarray(x), jnp.asarray(y), jnp.asarray(theta)
    c0 = time.perf_counter()
    jax.block_until_ready(run(t, x, y))
    compile_s = time.perf_counter() - c0
    loss, t = jax.block_until_ready(run(t, x, y))
    return float(loss), np.asarray(t), compile_s


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--make-data":
        if len(sys.argv) != 4:
            sys.exit("usage: numpy_mlp.py --make-data ROWS PATH")
        make_data(int(sys.argv[2]), sys.argv[3])
        return
    p = argparse.ArgumentParser(description="NumPy/JAX mlp:16,16 gradient descent baseline")
    p.add_argument("csv", help="CSV with header x1,x2,y")
    p.add_argument("start", help="`downhill run ... --steps 0 --format json` output")
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--jax", action="store_true", help="jax.jit + lax.scan, float64")
    p.add_argument("--expect", type=float, help="downhill's final loss: exit 1 unless within 1e-9")
    a = p.parse_args()

    t0 = time.perf_counter()
    data = np.loadtxt(a.csv, delimiter=",", skiprows=1, dtype=np.float64)
    x, y = np.ascontiguousarray(data[:, :2]), np.ascontiguousarray(data[:, 2])
    with open(a.start) as f:
        theta = np.array(json.load(f)["steps"][0]["params"], dtype=np.float64)
    t1 = time.perf_counter()
    if a.jax:
        loss, theta, compile_s = fit_jax(x, y, theta, a.steps, a.lr)
        print(f"compile_seconds={compile_s:.4f}")
    else:
        loss, theta = fit_numpy(x, y, theta, a.steps, a.lr)
    t2 = time.perf_counter()
    print(f"rows={y.size} steps={a.steps} lr={a.lr} {'jax' if a.jax else 'numpy'}")
    print(f"final loss={loss!r}")
    print(f"final params[:4]={theta[:4].tolist()!r}")
    print(f"load_seconds={t1 - t0:.4f}")
    print(f"loop_seconds={t2 - t1 - (compile_s if a.jax else 0.0):.4f}")
    if a.expect is not None:
        rel = abs(loss - a.expect) / abs(a.expect)
        print(f"relative difference from downhill={rel:.2e}")
        if rel > 1e-9:
            sys.exit("final loss disagrees with downhill's beyond 1e-9")


if __name__ == "__main__":
    main()
