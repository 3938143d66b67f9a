#!/usr/bin/env python3
"""getpath_oracle.py - what CPython's own getpath code computes for a scenario.

    getpath_oracle.py SCENARIO.yaml [--version 3.12] [--python PATH] [--json] [--calls]

Loads a pathscope scenario (contract §3), turns it into the namespace that
Modules/getpath.c hands to the frozen getpath code, and runs the frozen code
object of a REAL interpreter of that version over it (the way
Lib/test/test_getpath.py does with MockPosixNamespace).  The YAML is parsed
here, in the outer python (which needs PyYAML); the code object is
version-specific, so the run happens in the target interpreter, in
getpath_runner.py, fed JSON on stdin.

Prints the `config` dict after the run (executable, base_executable, prefix,
exec_prefix, base_prefix, base_exec_prefix, stdlib_dir, platstdlib_dir,
module_search_paths, home, platlibdir, isolated, use_environment,
site_import, safe_path, ...), the warnings, any exception getpath raised
(the real interpreter then dies with "error evaluating path") and, with
--calls or --json, every filesystem helper call (op, path, result) in call
order.

As a library:  load_scenario(path) -> dict;  find_interpreter("3.12") -> path
or None;  run(scenario, version=None, python=None) -> result dict (keys config,
warnings, calls, error, version, python);  OracleUnavailable when no
interpreter of that version (with _testinternalcapi) exists here.

How the scenario's inputs reach getpath (verified on 3.11.7/3.12.1/3.13.0,
see getpath-spec §1.3-1.4 and Python/initconfig.c, Modules/getpath.c):

  namespace constants   PREFIX, EXEC_PREFIX (default = prefix), VPATH,
                        PLATLIBDIR, PYTHONPATH (macro: always None in 3.x
                        builds), PYDEBUGEXT/PYWINVER/EXE_SUFFIX None on posix.
                        Like getpath.c's decode_to_dict, an empty string
                        becomes None (PREFIX "" = no PREFIX).
                        VERSION_MAJOR/MINOR from the version run, ABI_THREAD
                        "t"/"" (ignored by 3.11/3.12 code), os_name "posix"
                        (or "darwin"), WITH_NEXT_FRAMEWORK from framework:.
  real_executable       None on posix (Linux never asks the kernel); darwin:
                        invocation.executable when absolute.
  library               None on posix and on non-framework darwin (<= 3.13).
  executable_dir, py_setpath
                        None; py_setpath = embed.setpath when given.
  ENV_PATH, ENV_PYTHONHOME, ENV_PYTHONEXECUTABLE, ENV___PYVENV_LAUNCHER__
                        straight from invocation.env, NOT gated (None when
                        unset, "" when set empty).  getpath itself gates
                        PYTHONHOME with use_environment; PYTHONEXECUTABLE and
                        __PYVENV_LAUNCHER__ are honoured even under -E/-I.
                        PYTHONHOME does NOT go through config.home in 3.11+
                        (config.home is only the embedder's home: a ._pth file
                        still wins over PYTHONHOME, which it would not if
                        home were set in config).
  config.pythonpath_env embed.pythonpath_env if given, else PYTHONPATH when
                        use_environment and non-empty, else None.
  config.platlibdir     PYTHONPLATLIBDIR when use_environment and non-empty,
                        else the compiled PLATLIBDIR (initconfig always fills
                        it before getpath runs).
  config.use_environment 0 with -E or -I or embed.use_environment false.
  config.isolated       1 with -I.
  config.site_import    0 with -S or embed.site_import false.
  config.safe_path      1 with -P, -I, or non-empty PYTHONSAFEPATH (gated).
  config.user_site_directory 0 with -s, -I or PYTHONNOUSERSITE (gated;
                        informational, getpath does not read it).
  config.home, program_name, executable
                        embed.home / embed.program_name / embed.executable,
                        else None.
  config.module_search_paths(_set)
                        embed.module_search_paths, set=1 when given.
  config.orig_argv      [invocation.argv0] (absent argv0: []).
  config.base_executable, prefix, exec_prefix, base_*, stdlib_dir: None.

The virtual filesystem (getpath_runner.VFS) follows the scenario: `file`,
`exec` (mode 0755), `dir`, {link: target} (relative targets resolve from the
link's directory, like the kernel), {content: ...}, {mode: "000"}.  Parents
are implicit directories.  Permissions are checked against the owner bits
(the modelled user owns everything and is not root).  Relative paths given to
the helpers resolve against invocation.cwd.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, 'getpath_runner.py')

VERSIONS = ('3.11', '3.12', '3.13')


class OracleUnavailable(Exception):
    """No interpreter of the requested version (with _testinternalcapi) here."""


class ScenarioError(Exception):
    pass


# ---------------------------------------------------------------------------
# Interpreters
# ---------------------------------------------------------------------------

def pyenv_roots():
    # PS_DIFF_PYENV_ROOT (tests of the tests): search only there
    if 'PS_DIFF_PYENV_ROOT' in os.environ:
        return [os.environ['PS_DIFF_PYENV_ROOT']]
    roots = []
    if os.environ.get('PYENV_ROOT'):
        roots.append(os.environ['PYENV_ROOT'])
    exe = shutil.which('pyenv')
    if exe:
        try:
            r = subprocess.run([exe, 'root'], capture_output=True, text=True, timeout=10)
            if r.returncode == 0 and r.stdout.strip():
                roots.append(r.stdout.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    roots.append('/root/.pyenv')
    roots.append(os.path.expanduser('~/.pyenv'))
    out = []
    for r in roots:
        if r not in out:
            out.append(r)
    return out


_interp_cache = {}


def find_interpreter(version, need_capi=True):
    """Path of a CPython X.Y from pyenv (newest micro first), or None.
    With need_capi, the interpreter must have _testinternalcapi."""
    key = (version, need_capi)
    if key in _interp_cache:
        return _interp_cache[key]
    found = None
    cands = []
    for root in pyenv_roots():
        for d in glob.glob(os.path.join(root, 'versions', version + '.*')):
            m = re.fullmatch(re.escape(version) + r'\.(\d+)', os.path.basename(d))
            exe = os.path.join(d, 'bin', 'python3')
            if m and os.access(exe, os.X_OK):
                cands.append((int(m.group(1)), exe))
    for _, exe in sorted(cands, reverse=True):
        if not need_capi:
            found = exe
            break
        try:
            r = subprocess.run([exe, '-I', '-S', '-c',
                                'import _testinternalcapi; _testinternalcapi.get_getpath_codeobject()'],
                               capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            continue
        if r.returncode == 0:
            found = exe
            break
    _interp_cache[key] = found
    return found


def where_looked(version):
    return ', '.join(os.path.join(r, 'versions', version + '.*', 'bin', 'python3')
                     for r in pyenv_roots())


# ---------------------------------------------------------------------------
# Scenario -> request
# ---------------------------------------------------------------------------

def load_scenario(path):
    try:
        import yaml
    except ImportError:
        raise ScenarioError('PyYAML is needed to read scenarios (try /usr/bin/python3)')
    with open(path, encoding='utf-8') as f:
        data = yaml.safe_load(f)
    if not isinstance(data, dict):
        raise ScenarioError(f'{path}: not a mapping')
    return data


def _s(v):
    """YAML scalar -> str (None stays None)."""
    if v is None:
        return None
    if isinstance(v, bool):
        return 'true' if v else 'false'
    return str(v)


def parse_flags(flags):
    out = set()
    for f in flags or []:
        f = str(f)
        if not f.startswith('-') or f.startswith('--'):
            raise ScenarioError(f'unknown flag {f!r}')
        for ch in f[1:]:
            if ch not in 'EIsSP':
                raise ScenarioError(f'unknown flag -{ch}')
            out.add(ch)
    return out


def convert_files(files):
    out = {}
    for path, v in (files or {}).items():
        path = str(path)
        if isinstance(v, str):
            if v == 'file':
                node = {'type': 'file', 'mode': 0o644}
            elif v == 'exec':
                node = {'type': 'file', 'mode': 0o755}
            elif v == 'dir':
                node = {'type': 'dir', 'mode': 0o755}
            else:
                raise ScenarioError(f'{path}: unknown node {v!r}')
        elif isinstance(v, dict):
            if 'link' in v:
                node = {'type': 'link', 'target': str(v['link']), 'mode': 0o777}
            else:
                t = v.get('type', 'file')
                if t not in ('file', 'exec', 'dir'):
                    raise ScenarioError(f'{path}: unknown type {t!r}')
                node = {'type': 'dir' if t == 'dir' else 'file',
                        'mode': 0o644 if t == 'file' else 0o755}
                if v.get('content') is not None:
                    node['content'] = str(v['content'])
            if v.get('mode') is not None:
                node['mode'] = int(str(v['mode']), 8)
        elif v is None:
            node = {'type': 'file', 'mode': 0o644}
        else:
            raise ScenarioError(f'{path}: bad node {v!r}')
        out[path] = node
    return out


def build_request(scn, version=None):
    """The JSON request for getpath_runner.py.  version overrides
    python.version (and so VERSION_MINOR)."""
    platform = scn.get('platform', 'posix')
    if platform not in ('posix', 'darwin', 'nt'):
        raise ScenarioError(f'platform {platform!r} is not supported by the oracle')
    nt = platform == 'nt'
    py = scn.get('python') or {}
    ver = version or _s(py.get('version'))
    if not ver or not re.fullmatch(r'\d+\.\d+', ver):
        raise ScenarioError(f'bad python.version {ver!r}')
    major, minor = (int(x) for x in ver.split('.'))
    inv = scn.get('invocation') or {}
    env = {str(k): (_s(v) if v is not None else '') for k, v in (inv.get('env') or {}).items()}
    flags = parse_flags(inv.get('flags'))
    embed = scn.get('embed') or {}

    def none_if_empty(v):
        v = _s(v)
        return v if v else None

    # Windows builds (PCbuild) compile getpath.c with PREFIX/EXEC_PREFIX NULL,
    # VPATH "..\\.." and PLATLIBDIR "DLLs"
    prefix = _s(py.get('prefix')) if 'prefix' in py else (None if nt else '/usr/local')
    exec_prefix = _s(py.get('exec_prefix')) if 'exec_prefix' in py else (None if nt else prefix)
    platlibdir = (_s(py.get('platlibdir')) if py.get('platlibdir') is not None
                  else 'DLLs' if nt else 'lib')
    vpath = _s(py.get('vpath')) if 'vpath' in py else ('..\\..' if nt else None)
    framework = bool(py.get('framework', False))

    use_env = not ('E' in flags or 'I' in flags)
    if 'use_environment' in embed and not embed['use_environment']:
        use_env = False

    def genv(name):
        v = env.get(name)
        return v if (use_env and v) else None

    cwd = _s(inv.get('cwd')) or ('C:\\' if nt else '/')
    argv0 = inv.get('argv0')
    real_executable = None
    if platform == 'darwin':
        # _NSGetExecutablePath, kept only when absolute
        ex = _s(inv.get('executable'))
        if ex and ex.startswith('/'):
            real_executable = ex
    elif nt:
        # GetModuleFileNameW always answers; a scenario without
        # invocation.executable stands for argv[0] (+ .exe) made absolute
        ex = _s(inv.get('executable'))
        if ex:
            real_executable = ex
        elif argv0:
            import importlib.util
            a = _s(argv0)
            if not a.lower().endswith('.exe'):
                a += '.exe'
            spec = importlib.util.spec_from_file_location('getpath_runner', RUNNER)
            runner = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(runner)
            real_executable = runner.nt_fullpath(cwd, a)
    if nt:
        library = none_if_empty(py.get('library'))
    elif platform == 'darwin' and framework:
        library = none_if_empty(py.get('library'))
    else:
        library = None

    ns = {
        'os_name': platform,
        'WITH_NEXT_FRAMEWORK': 1 if (platform == 'darwin' and framework) else 0,
        'PREFIX': none_if_empty(prefix),
        'EXEC_PREFIX': none_if_empty(exec_prefix),
        'PYTHONPATH': None,
        'VPATH': none_if_empty(vpath),
        'PLATLIBDIR': none_if_empty(platlibdir),
        'PYDEBUGEXT': None,         # release builds only
        'VERSION_MAJOR': major,
        'VERSION_MINOR': minor,
        'ABI_THREAD': _s(py.get('abi_thread')) or '',
        'PYWINVER': (_s(py.get('winver')) or ver) if nt else None,
        'EXE_SUFFIX': '.exe' if nt else None,
        'ENV_PATH': env.get('PATH'),
        'ENV_PYTHONHOME': env.get('PYTHONHOME'),
        'ENV_PYTHONEXECUTABLE': env.get('PYTHONEXECUTABLE'),
        'ENV___PYVENV_LAUNCHER__': env.get('__PYVENV_LAUNCHER__'),
        'real_executable': real_executable,
        'library': library,
        'executable_dir': None,
        'py_setpath': none_if_empty(embed.get('setpath')),
        'winreg': None,
    }
    msp = embed.get('module_search_paths')
    config = {
        'home': none_if_empty(embed.get('home')),
        'program_name': none_if_empty(embed.get('program_name')),
        'executable': none_if_empty(embed.get('executable')),
        'base_executable': None,
        'prefix': None,
        'exec_prefix': None,
        'base_prefix': None,
        'base_exec_prefix': None,
        'platlibdir': genv('PYTHONPLATLIBDIR') or platlibdir,
        'pythonpath_env': (_s(embed['pythonpath_env']) if embed.get('pythonpath_env') is not None
                           else genv('PYTHONPATH')),
        'module_search_paths': [str(p) for p in msp] if msp is not None else [],
        'module_search_paths_set': 1 if msp is not None else 0,
        'stdlib_dir': None,
        'orig_argv': [_s(argv0)] if argv0 is not None else [],
        'use_environment': 1 if use_env else 0,
        'isolated': 1 if 'I' in flags else 0,
        'site_import': 0 if ('S' in flags or ('site_import' in embed and not embed['site_import'])) else 1,
        'safe_path': 1 if ('P' in flags or 'I' in flags or genv('PYTHONSAFEPATH')) else 0,
        'user_site_directory': 0 if ('s' in flags or 'I' in flags or _nousersite(genv('PYTHONNOUSERSITE'))) else 1,
        '_is_python_build': 0,
        'pathconfig_warnings': 1,
    }
    req = {'ns': ns, 'config': config, 'files': convert_files(scn.get('files')), 'cwd': cwd,
           'version': ver}
    if nt:
        req['flavour'] = 'nt'
        req['registry'] = {str(k): _s(v) for k, v in (scn.get('registry') or {}).items()}
    return req


def _nousersite(v):
    if not v:
        return False
    try:
        return int(v) != 0 or False
    except ValueError:
        return True


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------

def run(scn, version=None, python=None, timeout=60):
    """Runs the frozen getpath of `version` (default: the scenario's) over
    the scenario (a dict, or a path to a YAML file)."""
    if isinstance(scn, str):
        scn = load_scenario(scn)
    req = build_request(scn, version)
    ver = req['version']
    exe = python or find_interpreter(ver)
    if not exe:
        raise OracleUnavailable(f'no CPython {ver} interpreter with _testinternalcapi found at {where_looked(ver)}')
    r = subprocess.run([exe, '-I', '-S', RUNNER], input=json.dumps(req), capture_output=True,
                       text=True, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f'oracle runner failed under {exe}: {r.stderr.strip()}')
    out = json.loads(r.stdout)
    out['python'] = exe
    return out


RESULT_KEYS = ('executable', 'base_executable', 'prefix', 'exec_prefix', 'base_prefix',
               'base_exec_prefix', 'stdlib_dir', 'platstdlib_dir', 'module_search_paths',
               'home', 'platlibdir', 'program_name', 'isolated', 'use_environment',
               'site_import', 'safe_path', '_is_python_build')


def format_text(res, calls=False):
    lines = [f'# CPython {res.get("version")} frozen getpath ({res.get("python")})']
    cfg = res.get('config') or {}
    for k in RESULT_KEYS:
        if k in cfg:
            lines.append(f'{k}: {json.dumps(cfg[k])}')
    lines.append('warnings: ' + json.dumps(res.get('warnings', [])))
    if res.get('error'):
        lines.append(f'error: {res["error"]["type"]}: {res["error"]["message"]}'
                     '  (the interpreter dies: "error evaluating path")')
    if calls:
        lines.append('calls:')
        for c in res.get('calls', []):
            lines.append(f'  {c["op"]:9} {c["path"]} -> {c["result"]}')
    return '\n'.join(lines)


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('scenario')
    ap.add_argument('--version', help='run this version\'s code (default: python.version)')
    ap.add_argument('--python', help='interpreter to use (default: found under pyenv)')
    ap.add_argument('--json', action='store_true', help='print the whole result as JSON')
    ap.add_argument('--calls', action='store_true', help='also list the helper calls')
    a = ap.parse_args(argv)
    try:
        res = run(a.scenario, a.version, a.python)
    except OracleUnavailable as e:
        print(f'getpath_oracle: {e}', file=sys.stderr)
        return 77
    except (ScenarioError, OSError, ValueError) as e:
        print(f'getpath_oracle: {a.scenario}: {e}', file=sys.stderr)
        return 2
    if a.json:
        json.dump(res, sys.stdout, indent=1)
        print()
    else:
        print(format_text(res, a.calls))
    return 0


if __name__ == '__main__':
    sys.exit(main())
