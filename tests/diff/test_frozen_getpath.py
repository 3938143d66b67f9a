#!/usr/bin/env python3
"""Differential test: pathscope's getpath stage against CPython's own code.

For every scenario (posix, darwin and nt) in tests/scenarios/*.yaml and ../shared/samples/*.yaml
(the shared samples are skipped when that directory is absent) whose
python.version is 3.11, 3.12 or 3.13, and for every generated scenario of
gencases.py under each of those three versions, this runs

  - getpath_oracle.run(): the frozen getpath code object of a real CPython
    of that version over the scenario's virtual tree, and
  - $PATHSCOPE resolve --scenario F --format json

and compares getpath.{executable, base_executable, prefix, exec_prefix,
base_prefix, base_exec_prefix, stdlib_dir, platstdlib_dir,
module_search_paths, warnings}, the sys.flags getpath can change (a ._pth
file sets isolated, ignore_environment, no_site, safe_path), the fatal
"error evaluating path" outcome (getpath raised, e.g. a 32 KiB pyvenv.cfg)
and, as a separate check, the order of the filesystem probes (pathscope's
getpath-phase trace entries isfile/isdir/isxfile/realpath/read against the
oracle's helper calls).

Normalisation: None and "" are equal for the string fields (getpath writes
"" for an unknown stdlib_dir/platstdlib_dir, pathscope may write null).
Nothing else is normalised.

Scenarios pinned to 3.14 are skipped (no 3.14 interpreter with the 3.14 code
here), as are <= 3.10 ones (no frozen getpath there).  darwin and nt
scenarios run the same frozen code with os_name 'darwin' / 'nt' and, for nt,
the Windows flavour of the C helpers and a winreg stand-in (see
getpath_runner.py), as Lib/test/test_getpath.py does with MockNTNamespace.
A version whose interpreter is missing is skipped with the places looked at.

Options: -v (print passing cases too), -k SUBSTRING (only matching cases),
--no-generated, --no-order.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import diffutil  # noqa: E402

if not diffutil.ensure_yaml():
    print('skip: no python with PyYAML found (tried $PYTHON, /usr/bin/python3, pyenv 3.x)')
    print('RESULT 0 0 1')
    sys.exit(0)

import argparse  # noqa: E402
import glob  # noqa: E402
import json  # noqa: E402
import tempfile  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

import yaml  # noqa: E402

import getpath_oracle as oracle  # noqa: E402
import gencases  # noqa: E402

REPO = diffutil.REPO
FIELDS = ('executable', 'base_executable', 'prefix', 'exec_prefix', 'base_prefix',
          'base_exec_prefix', 'stdlib_dir', 'platstdlib_dir')
# getpath probes the filesystem in these phases only: building the search path
# (S11) and applying a ._pth (S13) probe nothing, so 'search_path' probes are
# pathscope's own (the encodings check) and are left out.
GETPATH_PHASES = {'executable', 'venv', 'pth', 'build', 'home', 'prefix', 'exec_prefix'}
PROBE_OPS = {'isfile', 'isdir', 'isxfile', 'realpath', 'read'}


def scenario_files():
    files = sorted(glob.glob(os.path.join(REPO, 'tests', 'scenarios', '*.yaml')))
    samples = os.path.normpath(os.path.join(REPO, '..', 'shared', 'samples'))
    notes = []
    if os.path.isdir(samples):
        files += sorted(glob.glob(os.path.join(samples, '*.yaml')))
    else:
        notes.append(f'shared samples not found at {samples}')
    return files, notes


def compare(res, ps, rc, err):
    """Differences between the oracle result and pathscope's JSON, as lines."""
    if ps is None:
        return [f'pathscope gave no JSON (exit {rc}): {err}']
    diffs = []
    fatal = ps.get('fatal')
    if res.get('error'):
        # getpath raised: the real interpreter prints the exception and dies
        # with "Fatal Python error: error evaluating path".
        msg = json.dumps({k: fatal.get(k) for k in ('message', 'cause')}) if fatal else ''
        if not fatal or 'error evaluating path' not in msg:
            diffs.append(f'oracle: getpath raised {res["error"]["type"]}: {res["error"]["message"]}'
                         f' (fatal "error evaluating path"); pathscope fatal: {msg or "null"}')
        return diffs
    if fatal and 'error evaluating path' in json.dumps(fatal):
        diffs.append(f'pathscope predicts "error evaluating path" but getpath finished: {fatal.get("message")!r}')
    gp = ps.get('getpath')
    if not isinstance(gp, dict):
        return diffs + ['pathscope JSON has no getpath object']
    cfg = res['config']
    for k in FIELDS:
        want = diffutil.norm_str(cfg.get(k))
        got = diffutil.norm_str(gp.get(k))
        if want != got:
            diffs.append(f'{k}: cpython {want!r}  pathscope {got!r}')
    want = cfg.get('module_search_paths')
    got = gp.get('module_search_paths')
    if want != got:
        diffs += diffutil.list_diff('module_search_paths', want, got, 'cpython', 'pathscope')
    if res.get('warnings', []) != gp.get('warnings', []):
        diffs.append(f'warnings: cpython {json.dumps(res.get("warnings"))}  pathscope {json.dumps(gp.get("warnings"))}')
    flags = (ps.get('sys') or {}).get('flags')
    if isinstance(flags, dict):
        want_flags = {'isolated': int(bool(cfg.get('isolated'))),
                      'ignore_environment': int(not cfg.get('use_environment')),
                      'no_site': int(not cfg.get('site_import')),
                      'safe_path': int(bool(cfg.get('safe_path')))}
        for k, w in want_flags.items():
            if k not in flags:   # the contract requires every one
                diffs.append(f'sys.flags.{k}: cpython {w}  pathscope (missing)')
            elif int(bool(flags[k])) != w:
                diffs.append(f'sys.flags.{k}: cpython {w}  pathscope {int(bool(flags[k]))}')
    return diffs


def compare_order(res, ps):
    if ps is None or res.get('error') and not ps.get('trace'):
        return []
    trace = ps.get('trace')
    if not isinstance(trace, list):
        return ['pathscope JSON has no trace']
    got = [(t.get('op'), t.get('path')) for t in trace
           if t.get('phase') in GETPATH_PHASES and t.get('op') in PROBE_OPS]
    want = [('read' if c['op'] == 'readlines' else c['op'], c['path']) for c in res['calls']]
    if got == want:
        return []
    i = 0
    while i < min(len(got), len(want)) and got[i] == want[i]:
        i += 1
    lines = [f'probe order differs at #{i} (cpython {len(want)} probes, pathscope {len(got)}):']
    for j in range(max(0, i - 2), min(max(len(got), len(want)), i + 3)):
        w = f'{want[j][0]} {want[j][1]}' if j < len(want) else '-'
        g = f'{got[j][0]} {got[j][1]}' if j < len(got) else '-'
        mark = '  ' if w == g else '>>'
        lines.append(f'{mark} cpython {w:60}  pathscope {g}')
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('-k', dest='pattern')
    ap.add_argument('--no-generated', action='store_true')
    ap.add_argument('--no-order', action='store_true')
    ap.add_argument('-j', type=int, default=max(2, os.cpu_count() or 2))
    a = ap.parse_args()
    t = diffutil.Tally('frozen-getpath', a.verbose)

    interps = {v: oracle.find_interpreter(v) for v in oracle.VERSIONS}
    missing = [v for v, p in interps.items() if not p]
    for v in missing:
        print(f'note: no CPython {v} with _testinternalcapi found at {oracle.where_looked(v)}')

    tmp = tempfile.TemporaryDirectory(prefix='ps-frozen-')
    jobs = []   # (label, scenario path, version)

    files, notes = scenario_files()
    for n in notes:
        print(f'note: {n}')
    for f in files:
        label = os.path.relpath(f, os.path.dirname(REPO)) if f.startswith(os.path.dirname(REPO)) else f
        try:
            s = oracle.load_scenario(f)
        except Exception as e:
            t.skip(label, f'not loadable as a scenario ({type(e).__name__})')
            continue
        plat = s.get('platform', 'posix')
        ver = str((s.get('python') or {}).get('version', ''))
        if plat not in ('posix', 'darwin', 'nt'):
            t.skip(label, f'platform {plat}: unknown to the oracle')
        elif ver == '3.14':
            t.skip(label, 'no CPython 3.14 interpreter here (3.14 getpath code not available)')
        elif ver not in oracle.VERSIONS:
            t.skip(label, f'version {ver or "?"}: no frozen getpath before 3.11')
        else:
            jobs.append((label, f, ver))

    if not a.no_generated:
        for v in oracle.VERSIONS:
            for name, s in gencases.generate(v):
                path = os.path.join(tmp.name, f'{name}-{v}.yaml')
                with open(path, 'w') as fh:
                    yaml.safe_dump(s, fh, sort_keys=False, allow_unicode=True)
                jobs.append((f'gen:{name}', path, v))

    if a.pattern:
        jobs = [j for j in jobs if a.pattern in j[0]]

    runnable = []
    for label, path, v in jobs:
        if not interps[v]:
            t.skip(f'{label} [{v}]', f'no CPython {v} interpreter found at {oracle.where_looked(v)}')
        else:
            runnable.append((label, path, v))

    if runnable and not os.access(diffutil.pathscope_binary(), os.X_OK):
        t.fail('pathscope binary', [f'{diffutil.pathscope_binary()} is missing: build it first (make)'])
        runnable = []

    def one(job):
        label, path, v = job
        name = f'{label} [{v}]'
        try:
            res = oracle.run(path, v, interps[v])
        except Exception as e:
            t.fail(name, [f'oracle failed: {type(e).__name__}: {e}'])
            return
        if res.get('error') and res['error']['type'] == 'ScenarioError':
            t.skip(name, 'the oracle cannot model this tree')
            return
        rc, ps, err = diffutil.run_pathscope(['resolve', '--scenario', path, '--format', 'json'])
        if rc == 2 or rc is None:
            t.fail(name, [f'pathscope resolve exit {rc}: {err}'])
            return
        d = compare(res, ps, rc, err)
        if d:
            t.fail(name, d)
        else:
            t.ok(name)
        if not a.no_order:
            d = compare_order(res, ps)
            if d:
                t.fail(name + ' probe order', d)
            else:
                t.ok(name + ' probe order')

    with ThreadPoolExecutor(a.j) as ex:
        list(ex.map(one, runnable))
    tmp.cleanup()
    return t.finish()


if __name__ == '__main__':
    sys.exit(main())
