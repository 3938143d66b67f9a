"""Shared plumbing of the differential tests (tests/diff/test_*.py).

- ensure_yaml(): re-executes the running script under a python that has
  PyYAML when the current one lacks it (tests/run.sh uses $PYTHON, which may
  be a bare pyenv build); returns False when none exists.
- pathscope_binary(): $PATHSCOPE (tests/run.sh sets it to $BUILD/pathscope),
  relative to the current directory or to the repository root.
- run_pathscope(args) -> (rc, parsed json or None, stderr).
- Tally: counts, prints failures/skips and the closing RESULT line.
"""
import json
import os
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def ensure_yaml():
    try:
        import yaml  # noqa: F401
        return True
    except ImportError:
        pass
    if os.environ.get('PS_DIFF_REEXEC'):
        return False
    cands = ['/usr/bin/python3']
    import glob
    cands += sorted(glob.glob('/root/.pyenv/versions/3.*/bin/python3'), reverse=True)
    for c in cands:
        if not os.access(c, os.X_OK) or os.path.realpath(c) == os.path.realpath(sys.executable):
            continue
        r = subprocess.run([c, '-c', 'import yaml'], capture_output=True)
        if r.returncode == 0:
            os.environ['PS_DIFF_REEXEC'] = '1'
            sys.stdout.flush()
            os.execv(c, [c] + sys.argv)
    return False



def run_exec(args, **kw):
    """subprocess.run that retries on ETXTBSY.

    The real-layout tests copy interpreter binaries while other threads
    fork and exec; a child forked while a copy's file descriptor is still
    open for writing keeps it open until it execs, and an exec of that
    binary meanwhile fails with "Text file busy".  The race is harmless:
    try again shortly.
    """
    import time
    for attempt in range(50):
        try:
            return subprocess.run(args, **kw)
        except OSError as e:
            if e.errno != 26 or attempt == 49:
                raise
            time.sleep(0.05)


def pathscope_binary():
    p = os.environ.get('PATHSCOPE') or os.path.join('build', 'pathscope')
    if os.path.isabs(p):
        return p
    if os.path.exists(p):
        return os.path.abspath(p)
    return os.path.join(REPO, p)


def run_pathscope(args, timeout=60):
    exe = pathscope_binary()
    try:
        r = subprocess.run([exe] + list(args), capture_output=True, text=True, timeout=timeout,
                           stdin=subprocess.DEVNULL)
    except OSError as e:
        return None, None, f'cannot run {exe}: {e}'
    except subprocess.TimeoutExpired:
        return None, None, f'{exe} timed out'
    data = None
    if r.stdout.strip():
        try:
            data = json.loads(r.stdout)
        except ValueError as e:
            return r.returncode, None, f'bad JSON from pathscope ({e}): {r.stdout[:300]!r} {r.stderr.strip()}'
    return r.returncode, data, r.stderr.strip()


def list_diff(name, want, got, want_label, got_label):
    """Lines describing how list `got` differs from list `want` (entry level)."""
    import difflib
    if not isinstance(want, list) or not isinstance(got, list):
        return [f'{name}: {want_label} {want!r}  {got_label} {got!r}']
    out = [f'{name}: {len(want)} entries in {want_label}, {len(got)} in {got_label}:']
    sm = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == 'equal':
            continue
        for k in range(i1, i2):
            out.append(f'  [{k}] only in {want_label}: {want[k]!r}')
        for k in range(j1, j2):
            out.append(f'  [{k}] only in {got_label}: {got[k]!r}')
    return out


def norm_str(v):
    """None and '' are the same for path strings: getpath writes '' for an
    unknown stdlib_dir/platstdlib_dir/executable, pathscope may write null."""
    return '' if v is None else v


class Tally:
    def __init__(self, name, verbose=False):
        self.name = name
        self.verbose = verbose
        self.passed = self.failed = self.skipped = 0
        self.lock = threading.Lock()
        self.skip_reasons = {}

    def ok(self, label):
        with self.lock:
            self.passed += 1
            if self.verbose:
                print(f'ok   {label}', flush=True)

    def fail(self, label, lines=()):
        with self.lock:
            self.failed += 1
            print(f'FAIL {label}', flush=True)
            for ln in lines:
                print(f'     {ln}', flush=True)

    def skip(self, label, reason):
        with self.lock:
            self.skipped += 1
            self.skip_reasons.setdefault(reason, []).append(label)
            if self.verbose:
                print(f'skip {label}: {reason}', flush=True)

    def finish(self):
        for reason, labels in self.skip_reasons.items():
            more = f' (and {len(labels) - 3} more)' if len(labels) > 3 else ''
            print(f'skip: {reason}: {", ".join(labels[:3])}{more}')
        print(f'{self.name}: {self.passed} passed, {self.failed} failed, {self.skipped} skipped')
        print(f'RESULT {self.passed} {self.failed} {self.skipped}')
        sys.stdout.flush()
        return 1 if self.failed else 0
