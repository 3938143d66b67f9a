#!/usr/bin/env python3
"""Differential test: pathscope on the real filesystem against real CPython.

Builds layouts in a temporary directory (plain install, symlinked
executables, a binary copied into an empty tree, venvs made with
`python -m venv --symlinks/--copies`, PYTHONHOME and PYTHONPATH forms,
`._pth` files, pyvenv.cfg variants, -E -I -S -s -P, PYTHONPLATLIBDIR,
PYTHONEXECUTABLE, relative PATH entries) and, for each installed CPython
3.11, 3.12 and 3.13 (pyenv) plus Debian's /usr/bin/python3.11, runs

  - the real interpreter: `env -i` + the case's variables, the case's argv[0]
    (exec'd with that argv[0], like `exec -a`), cwd and flags, stdin closed,
    a timeout, printing sys.executable, sys._base_executable, sys.prefix,
    sys.exec_prefix, sys.base_*, sys.path, sys.flags (and, when site ran,
    site.ENABLE_USER_SITE and site.USER_SITE);
  - `$PATHSCOPE resolve --format json --python ARGV0 --rules X.Y --cwd DIR
    --clean-env --env ... FLAGS` (real-filesystem mode),

and compares the `sys` object field by field, plus the getpath warnings
printed on stderr.  When the real interpreter fails to start, pathscope must
predict `fatal` and its message must appear in the real stderr.

Every case runs with -S (sys.path is then getpath's result plus
sys.path[0]) and, when the engine has its site stage (engine/site.c exists;
--no-site turns it off, --site forces it), also without -S (full sys.path,
site included).  HOME is a fresh empty directory, so the user site never
exists.

Also checked, for every -S run of a pyenv interpreter: the oracle
(getpath_oracle.py: the frozen getpath over a scenario captured from the
same tree) against the real interpreter ("oracle" checks), which keeps the
oracle that tests/scenarios expectations come from honest.

Options: -v, -k SUBSTRING, --site / --no-site, --no-oracle, -j N.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import diffutil  # noqa: E402

HAVE_YAML = diffutil.ensure_yaml()

import argparse  # noqa: E402
import ast  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import stat  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

import getpath_oracle as oracle  # noqa: E402

REPO = diffutil.REPO
TIMEOUT = 30

PROBE = r'''
import sys
d = {'executable': sys.executable, 'base_executable': getattr(sys, '_base_executable', None),
     'prefix': sys.prefix, 'exec_prefix': sys.exec_prefix, 'base_prefix': sys.base_prefix,
     'base_exec_prefix': sys.base_exec_prefix, 'path': list(sys.path),
     'flags': {k: int(getattr(sys.flags, k, 0)) for k in
               ('ignore_environment', 'isolated', 'no_user_site', 'no_site', 'safe_path')}}
s = sys.modules.get('site')
if s is not None and hasattr(s, 'ENABLE_USER_SITE'):
    d['enable_user_site'] = s.ENABLE_USER_SITE
    d['user_site'] = s.USER_SITE
print(repr(d))
'''

SYS_FIELDS = ('executable', 'base_executable', 'prefix', 'exec_prefix', 'base_prefix',
              'base_exec_prefix')
WARN_PREFIXES = ('Could not find platform', 'Consider setting $PYTHONHOME',
                 'Failed to find real location', "unsupported 'import' line")


# ---------------------------------------------------------------------------
# Interpreters
# ---------------------------------------------------------------------------

class Interp:
    def __init__(self, label, ver, prefix, binary, capi):
        self.label = label          # e.g. "3.12" or "debian-3.11"
        self.ver = ver              # rules X.Y
        self.prefix = prefix        # compiled-in PREFIX
        self.binary = binary        # the real ELF file (P/bin/python3.X)
        self.capi = capi            # has _testinternalcapi (pyenv builds)


def find_interpreters():
    found, missing = [], []
    for v in oracle.VERSIONS:
        exe = oracle.find_interpreter(v, need_capi=False)
        if not exe:
            missing.append(f'no CPython {v} interpreter found at {oracle.where_looked(v)}')
            continue
        prefix = os.path.dirname(os.path.dirname(exe))
        binary = os.path.join(prefix, 'bin', 'python' + v)
        if not os.path.isfile(binary):
            binary = os.path.realpath(exe)
        found.append(Interp(v, v, prefix, binary, oracle.find_interpreter(v) is not None))
    deb = os.environ.get('PS_DIFF_DEBIAN_PYTHON', '/usr/bin/python3.11')
    if deb and os.access(deb, os.X_OK):
        found.append(Interp('debian-3.11', '3.11', '/usr', deb, False))
    else:
        missing.append(f'no Debian python3.11 at {deb}')
    return found, missing


# ---------------------------------------------------------------------------
# Layout builders.  Each takes (interp, T) where T is an empty directory
# (the case's own) and returns the invocation:
#   dict(argv0, exe, cwd, env, flags)   exe = the file actually exec'd
# or None when the case does not apply to that interpreter.
# ---------------------------------------------------------------------------

def inv(argv0, exe, cwd, env=None, flags=(), run=('command', None)):
    """run: ('command', None) = -c PROBE; ('script', PATH) = PATH holds PROBE;
    ('module', NAME) = -m NAME, NAME.py in cwd holds PROBE."""
    return {'argv0': argv0, 'exe': exe, 'cwd': cwd, 'env': dict(env or {}), 'flags': list(flags),
            'run': run}


def write(path, content, mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(content)
    if mode is not None:
        os.chmod(path, mode)


def copy_binary(ip, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copy2(ip.binary, dst)
    return dst


def symlink(target, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.symlink(target, path)


def pyenv_only(fn):
    """Cases that need a relocatable pyenv-style install (PREFIX/bin/python3.X)."""
    def w(ip, T):
        if ip.label.startswith('debian'):
            return None
        return fn(ip, T)
    w.__name__ = fn.__name__
    return w


CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


@case
def plain_abs(ip, T):
    return inv(ip.binary, ip.binary, T)


@case
def plain_python3_link(ip, T):
    p = os.path.join(ip.prefix, 'bin', 'python3')
    return inv(p, p, T)


@case
def bare_name_on_path(ip, T):
    d = os.path.dirname(ip.binary)
    name = os.path.basename(ip.binary)
    return inv(name, ip.binary, T, {'PATH': f'/nonexistent:{d}:/usr/bin'})


@case
@pyenv_only
def relative_path_entry(ip, T):
    # PATH=bin (relative) with cwd=PREFIX: sys.executable stays relative
    return inv('python3', os.path.join(ip.prefix, 'bin', 'python3'), ip.prefix,
               {'PATH': 'bin:/usr/bin'})


@case
@pyenv_only
def empty_path_entry_regular_file(ip, T):
    # empty PATH entry = cwd; a regular file there (a symlink would crash getpath)
    copy_binary(ip, os.path.join(T, 'bin', 'python3'))
    return inv('python3', os.path.join(T, 'bin', 'python3'), os.path.join(T, 'bin'),
               {'PATH': ':/usr/bin'})


@case
@pyenv_only
def empty_path_entry_symlink(ip, T):
    # getpath: realpath('python3') -> 'python3/python3.X' -> NotADirectoryError
    # reading 'python3/pybuilddir.txt': "error evaluating path" [3.11-3.13]
    return inv('python3', os.path.join(ip.prefix, 'bin', 'python3'), os.path.join(ip.prefix, 'bin'),
               {'PATH': ':/usr/bin'})


@case
def file_symlink(ip, T):
    symlink(ip.binary, os.path.join(T, 'L', 'python3'))
    return inv(os.path.join(T, 'L', 'python3'), ip.binary, T)


@case
@pyenv_only
def dir_symlink(ip, T):
    symlink(ip.prefix, os.path.join(T, 'D'))
    p = os.path.join(T, 'D', 'bin', 'python3')
    return inv(p, p, T)


@case
@pyenv_only
def relative_symlink_dotdot(ip, T):
    link = os.path.join(T, 'R', 'bin', 'python3')
    os.makedirs(os.path.dirname(link))
    os.symlink(os.path.relpath(ip.binary, os.path.dirname(link)), link)
    return inv(link, ip.binary, T)


@case
@pyenv_only
def relative_argv0_dotdot(ip, T):
    symlink(ip.prefix, os.path.join(T, 'rt'))
    return inv('./rt/bin/../bin/python3', os.path.join(ip.prefix, 'bin', 'python3'), T)


@case
@pyenv_only
def copied_binary_empty_tree(ip, T):
    exe = copy_binary(ip, os.path.join(T, 'bin', 'python'))
    return inv(exe, exe, T)


@case
@pyenv_only
def copied_binary_linked_stdlib(ip, T):
    exe = copy_binary(ip, os.path.join(T, 'bin', 'python3'))
    symlink(os.path.join(ip.prefix, 'lib', 'python' + ip.ver), os.path.join(T, 'lib', 'python' + ip.ver))
    return inv(exe, exe, T)


@case
@pyenv_only
def copied_binary_stdlib_without_encodings(ip, T):
    exe = copy_binary(ip, os.path.join(T, 'bin', 'python3'))
    write(os.path.join(T, 'lib', 'python' + ip.ver, 'os.py'), '')
    return inv(exe, exe, T)


@case
@pyenv_only
def copied_binary_empty_zip(ip, T):
    exe = copy_binary(ip, os.path.join(T, 'bin', 'python3'))
    write(os.path.join(T, 'lib', 'python' + ip.ver.replace('.', '') + '.zip'), '')
    return inv(exe, exe, T)


def _venv(ip, T, copies):
    v = os.path.join(T, 'v')
    args = [ip.binary, '-m', 'venv', '--without-pip']
    if copies:
        args.append('--copies')
    diffutil.run_exec(args + [v], check=True, capture_output=True, env={'PATH': '/usr/bin:/bin'},
                   timeout=60, stdin=subprocess.DEVNULL)
    return os.path.join(v, 'bin', 'python')


for _copies in (False, True):
    for _extra_name, _extra in [('', {}), ('_S', {'flags': ['-S']}), ('_I', {'flags': ['-I']}),
                                ('_E', {'flags': ['-E']}), ('_s', {'flags': ['-s']}),
                                ('_home', {'home': True})]:
        def _mk(copies=_copies, extra=_extra):
            @pyenv_only
            def f(ip, T):
                exe = _venv(ip, T, copies)
                env = {'PYTHONHOME': ip.prefix} if extra.get('home') else {}
                return inv(exe, exe, T, env, extra.get('flags', ()))
            return f
        CASES[f'venv_{"copies" if _copies else "symlinks"}{_extra_name}'] = _mk()


def _home_case(value, cwd=None, flags=()):
    @pyenv_only
    def f(ip, T):
        val = value.replace('@P', ip.prefix).replace('@V', os.path.basename(ip.prefix))
        c = (cwd or T).replace('@P', ip.prefix)
        p = os.path.join(ip.prefix, 'bin', 'python3')
        return inv(p, p, c, {'PYTHONHOME': val}, flags)
    return f


for _n, _v, _cwd, _fl in [('home_P', '@P', None, ()), ('home_P_x', '@P:/x', None, ()),
                          ('home_P_colon', '@P:', None, ()), ('home_colon', ':', None, ()),
                          ('home_empty', '', None, ()), ('home_dot', '.', '@P', ()),
                          ('home_dot_slash', './', '@P', ()), ('home_missing', '/nonexistent', None, ()),
                          ('home_missing_E', '/nonexistent', None, ('-E',)),
                          ('home_missing_I', '/nonexistent', None, ('-I',)),
                          ('home_trailing_slash', '@P/', None, ()),
                          ('home_relative_sibling', '../@V', '@P', ())]:
    CASES[_n] = _home_case(_v, _cwd, _fl)


@case
def pythonpath_forms(ip, T):
    return inv(ip.binary, ip.binary, T, {'PYTHONPATH': 'rel1::/abs2/../abs3:'})


@case
def pythonpath_E(ip, T):
    return inv(ip.binary, ip.binary, T, {'PYTHONPATH': '/pp'}, ['-E'])


for _fl in (['-E'], ['-I'], ['-s'], ['-P'], ['-E', '-s'], ['-I', '-S']):
    CASES['flags' + ''.join(_fl).replace('-', '_')] = (
        lambda fl: lambda ip, T: inv(ip.binary, ip.binary, T,
                                     {'PYTHONPATH': '/pp', 'PYTHONNOUSERSITE': '1'}, fl))(_fl)


@case
def platlibdir_bogus(ip, T):
    return inv(ip.binary, ip.binary, T, {'PYTHONPLATLIBDIR': 'bogus'})


@case
def platlibdir_bogus_E(ip, T):
    return inv(ip.binary, ip.binary, T, {'PYTHONPLATLIBDIR': 'bogus'}, ['-E'])


@case
@pyenv_only
def pythonexecutable(ip, T):
    exe = _venv(ip, T, False)
    return inv(ip.binary, ip.binary, T, {'PYTHONEXECUTABLE': exe})


@case
@pyenv_only
def pyvenv_launcher_I(ip, T):
    exe = _venv(ip, T, True)
    return inv(ip.binary, ip.binary, T, {'__PYVENV_LAUNCHER__': exe}, ['-I'])


def _pth_case(content, where='exe', env=None, flags=()):
    @pyenv_only
    def f(ip, T):
        exe = copy_binary(ip, os.path.join(T, 'bin', 'python3'))
        lib = os.path.join(ip.prefix, 'lib', 'python' + ip.ver)
        pth = os.path.join(T, 'bin', 'python3._pth')
        if content == 'DIR':
            os.makedirs(pth)
        else:
            write(pth, content.replace('@LIB', lib))
        argv0 = exe
        if where == 'link':
            argv0 = os.path.join(T, 'L', 'python3')
            symlink(exe, argv0)
        return inv(argv0, exe, T, dict(env or {}, PYTHONPATH='/ignored'), flags)
    return f


FULL_PTH = '@LIB\n@LIB/lib-dynload\n../mylib  # comment\n\nimport site\nimport foo\n'
CASES['pth_full'] = _pth_case(FULL_PTH)
CASES['pth_no_site'] = _pth_case('@LIB\n@LIB/lib-dynload\n')
CASES['pth_site_S'] = _pth_case(FULL_PTH, flags=['-S'])
CASES['pth_empty'] = _pth_case('')
CASES['pth_directory'] = _pth_case('DIR')
CASES['pth_next_to_target'] = _pth_case(FULL_PTH, where='link')
CASES['pth_home_missing'] = _pth_case('@LIB\n@LIB/lib-dynload\n', env={'PYTHONHOME': '/nonexistent'})


def _cfg_case(cfg, where='parent', extra=None):
    @pyenv_only
    def f(ip, T):
        exe = copy_binary(ip, os.path.join(T, 'bin', 'python'))
        bindir = os.path.join(ip.prefix, 'bin')
        body = cfg.replace('@BIN', bindir)
        write(os.path.join(T, 'pyvenv.cfg') if where == 'parent' else os.path.join(T, 'bin', 'pyvenv.cfg'), body)
        os.makedirs(os.path.join(T, 'lib', 'python' + ip.ver, 'site-packages'))
        cwd = T
        if extra == 'both':
            write(os.path.join(T, 'bin', 'pyvenv.cfg'), 'home = /nonexistent/bin\n')
        if extra == 'relhome':
            symlink(ip.prefix, os.path.join(T, 'fh'))
        return inv(exe, exe, cwd)
    return f


for _n, _cfg, _w, _x in [('cfg_std', 'home = @BIN\n', 'parent', None),
                         ('cfg_nospace', 'home=@BIN\n', 'parent', None),
                         ('cfg_upper', 'Home = @BIN\n', 'parent', None),
                         ('cfg_no_newline', 'version = 3\nhome = @BIN', 'parent', None),
                         ('cfg_two_spaces', 'home =  @BIN\n', 'parent', None),
                         ('cfg_in_bin', 'home = @BIN\n', 'bin', None),
                         ('cfg_both', 'home = @BIN\n', 'parent', 'both'),
                         ('cfg_no_home', 'include-system-site-packages = false\n', 'parent', None),
                         ('cfg_system_site', 'home = @BIN\ninclude-system-site-packages = true\n', 'parent', None),
                         ('cfg_relative_home', 'home = fh/bin\n', 'parent', 'relhome'),
                         ('cfg_40k', 'home = @BIN\n' + '#' * 40000 + '\n', 'parent', None)]:
    CASES[_n] = _cfg_case(_cfg, _w, _x)


# --- user site and .pth files ------------------------------------------------

def user_site_dir(ip, home):
    return os.path.join(home, '.local', 'lib', 'python' + ip.ver, 'site-packages')


def fill_pth_dir(sp, T):
    """.pth files of every kind in site-packages dir sp (all harmless to run)."""
    os.makedirs(sp, exist_ok=True)
    for d in ('exists_dir', '  d_sp', 'bom_dir', 'hidden_dir', 'zdir', 'after_error', 'upper_dir'):
        os.makedirs(os.path.join(sp, d), exist_ok=True)
    os.makedirs(os.path.join(T, 'absdir'), exist_ok=True)
    write(os.path.join(sp, 'a.pth'),
          '# a comment\n\nexists_dir\nmissing_dir\nexists_dir\n  d_sp\nimport sys\n'
          f'{os.path.join(T, "absdir")}\n ' + os.path.join(T, 'absdir') + '\n')
    write(os.path.join(sp, 'b.pth'), 'import nonexistent_module_for_pathscope_tests\nafter_error\n')
    with open(os.path.join(sp, 'c_bom.pth'), 'wb') as f:
        f.write(b'\xef\xbb\xbfbom_dir\n')
    write(os.path.join(sp, '.hidden.pth'), 'hidden_dir\n')
    write(os.path.join(sp, 'Z.pth'), 'zdir\nupper_dir\n')
    write(os.path.join(sp, 'noeol.pth'), 'exists_dir')


def _user_case(env=None, flags=(), pth=True):
    def f(ip, T):
        home = os.path.join(T, 'home')
        sp = user_site_dir(ip, home)
        if pth:
            fill_pth_dir(sp, T)
        else:
            os.makedirs(sp)
        e = {k: v.replace('@T', T) for k, v in (env or {}).items()}
        return inv(ip.binary, ip.binary, T, e, flags)
    return f


for _n, _env, _fl, _pth in [('usersite_pth', None, (), True),
                            ('usersite_plain', None, (), False),
                            ('usersite_s', None, ('-s',), True),
                            ('usersite_I', None, ('-I',), True),
                            ('usersite_nousersite_1', {'PYTHONNOUSERSITE': '1'}, (), False),
                            ('usersite_nousersite_0', {'PYTHONNOUSERSITE': '0'}, (), False),
                            ('usersite_nousersite_E', {'PYTHONNOUSERSITE': '1'}, ('-E',), False)]:
    CASES[_n] = _user_case(_env, _fl, _pth)


def _userbase_case(flags=()):
    def f(ip, T):
        ub = os.path.join(T, 'ub')
        os.makedirs(os.path.join(ub, 'lib', 'python' + ip.ver, 'site-packages'))
        return inv(ip.binary, ip.binary, T, {'PYTHONUSERBASE': ub}, flags)
    return f


CASES['userbase'] = _userbase_case()
CASES['userbase_E'] = _userbase_case(('-E',))
CASES['userbase_s'] = _userbase_case(('-s',))


def _venv_site_case(system_site, user=False, flags=()):
    @pyenv_only
    def f(ip, T):
        v = os.path.join(T, 'v')
        args = [ip.binary, '-m', 'venv', '--without-pip'] + (['--system-site-packages'] if system_site else [])
        diffutil.run_exec(args + [v], check=True, capture_output=True, env={'PATH': '/usr/bin:/bin'},
                       timeout=60, stdin=subprocess.DEVNULL)
        fill_pth_dir(os.path.join(v, 'lib', 'python' + ip.ver, 'site-packages'), T)
        if user:
            os.makedirs(user_site_dir(ip, os.path.join(T, 'home')))
        exe = os.path.join(v, 'bin', 'python')
        return inv(exe, exe, T, {}, flags)
    return f


CASES['venv_pth'] = _venv_site_case(False)
CASES['venv_system_site'] = _venv_site_case(True)
CASES['venv_system_site_user'] = _venv_site_case(True, user=True)
CASES['venv_isolated_user'] = _venv_site_case(False, user=True)


# --- sys.path[0]: scripts and -m ----------------------------------------------

def _script_case(how, flags=(), env=None):
    def f(ip, T):
        real = os.path.join(T, 's', 'real')
        write(os.path.join(real, 'script.py'), PROBE)
        if how == 'file_link':
            symlink('real/script.py', os.path.join(T, 's', 'link.py'))
            script = os.path.join(T, 's', 'link.py')
        elif how == 'dir_link':
            symlink(real, os.path.join(T, 'sdl'))
            script = os.path.join(T, 'sdl', 'script.py')
        elif how == 'relative':
            script = 's/real/script.py'
        else:
            script = os.path.join(real, 'script.py')
        return inv(ip.binary, ip.binary, T, env, flags, ('script', script))
    return f


for _n, _how, _fl, _env in [('script_plain', 'plain', (), None), ('script_file_link', 'file_link', (), None),
                            ('script_dir_link', 'dir_link', (), None), ('script_relative', 'relative', (), None),
                            ('script_P', 'plain', ('-P',), None), ('script_I', 'dir_link', ('-I',), None),
                            ('script_safepath_env', 'plain', (), {'PYTHONSAFEPATH': '0'})]:
    CASES[_n] = _script_case(_how, _fl, _env)


def _module_case(flags=(), env=None):
    def f(ip, T):
        write(os.path.join(T, 'probe_mod_ps.py'), PROBE)
        return inv(ip.binary, ip.binary, T, env, flags, ('module', 'probe_mod_ps'))
    return f


CASES['module'] = _module_case()
CASES['module_E_safepath'] = _module_case(('-E',), {'PYTHONSAFEPATH': '1'})


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------

def run_real(iv, flags):
    env = {'HOME': iv['home']}
    env.setdefault('PATH', '/usr/bin:/bin')
    env.update(iv['env'])
    kind, arg = iv['run']
    tail = {'command': ['-c', PROBE], 'script': [arg], 'module': ['-m', arg]}[kind]
    args = [iv['argv0']] + flags + tail
    try:
        r = diffutil.run_exec(args, executable=iv['exe'], cwd=iv['cwd'], env=env,
                              capture_output=True, text=True, timeout=TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return {'rc': None, 'stderr': 'timeout', 'out': None}
    out = None
    if r.returncode == 0:
        try:
            out = ast.literal_eval(r.stdout.strip().splitlines()[-1])
        except (ValueError, SyntaxError, IndexError):
            out = None
    return {'rc': r.returncode, 'stderr': r.stderr, 'out': out}


def run_ps(ip, iv, flags):
    env = {'HOME': iv['home'], 'PATH': '/usr/bin:/bin'}
    env.update(iv['env'])
    args = ['resolve', '--format', 'json', '--python', iv['argv0'], '--rules', ip.ver,
            '--cwd', iv['cwd'], '--clean-env']
    kind, arg = iv['run']
    args += ['--command', 'pass'] if kind == 'command' else [f'--{kind}', arg]
    for k, v in env.items():
        args += ['--env', f'{k}={v}']
    args += flags
    return diffutil.run_pathscope(args)


def real_warnings(stderr):
    return [ln for ln in stderr.splitlines() if ln.startswith(WARN_PREFIXES)]


def compare_sys(real, ps, rc, err, site):
    if ps is None:
        return [f'pathscope gave no JSON (exit {rc}): {err}']
    d = []
    fatal = ps.get('fatal')
    if real['rc'] != 0:
        lines = [ln for ln in real['stderr'].splitlines() if ln.strip()]
        first_last = f'{lines[0]!r} ... {lines[-1]!r}' if lines else '(no stderr)'
        if not fatal:
            d.append(f'real interpreter failed (rc {real["rc"]}: {first_last}); pathscope predicts no fatal error')
        else:
            msg = fatal.get('message') or ''
            if not msg or msg not in real['stderr']:
                d.append(f'fatal message {msg!r} not in the real stderr ({first_last})')
        return d
    if fatal:
        return [f'pathscope predicts a fatal error but the interpreter ran: {fatal.get("message")!r}'
                f' (cause: {str(fatal.get("cause"))[:200]!r})']
    out = real['out']
    if out is None:
        return ['could not read the real interpreter\'s output']
    s = ps.get('sys')
    if not isinstance(s, dict):
        return ['pathscope JSON has no sys object']
    for k in SYS_FIELDS:
        if diffutil.norm_str(out[k]) != diffutil.norm_str(s.get(k)):
            d.append(f'{k}: real {out[k]!r}  pathscope {s.get(k)!r}')
    if out['path'] != s.get('path'):
        d += diffutil.list_diff('sys.path', out['path'], s.get('path'), 'real', 'pathscope')
    # the contract requires sys.flags, user_site and enable_user_site: a missing
    # key is a difference, not a pass
    pf = s.get('flags')
    if not isinstance(pf, dict):
        d.append('pathscope JSON has no sys.flags object')
        pf = {}
    for k, w in out['flags'].items():
        if k not in pf:
            d.append(f'sys.flags.{k}: real {w}  pathscope (missing)')
        elif int(bool(pf[k])) != w:
            d.append(f'sys.flags.{k}: real {w}  pathscope {int(bool(pf[k]))}')
    if site and 'enable_user_site' in out:
        if s.get('enable_user_site', '(missing)') != out['enable_user_site']:
            d.append(f'enable_user_site: real {out["enable_user_site"]!r}  pathscope {s.get("enable_user_site", "(missing)")!r}')
        if out['enable_user_site'] and s.get('user_site', '(missing)') != out['user_site']:
            d.append(f'user_site: real {out["user_site"]!r}  pathscope {s.get("user_site", "(missing)")!r}')
    if site:
        want = sorted((os.path.basename(f), int(n)) for n, f in
                      re.findall(r'^Error processing line (\d+) of (.+):$', real['stderr'], re.M))
        got = sorted((os.path.basename(p.get('file', '')), p.get('line')) for p in (ps.get('pth') or [])
                     if p.get('action') == 'error')
        if want != got:
            d.append(f'.pth errors ("Error processing line N of F"): real {want}  pathscope {got}')
    gp = ps.get('getpath') or {}
    if real_warnings(real['stderr']) != gp.get('warnings', []):
        d.append(f'warnings: real {real_warnings(real["stderr"])}  pathscope {gp.get("warnings")}')
    return d


# --- oracle self-check: capture the tree as a scenario -----------------------

CONTENT_NAMES = ('pyvenv.cfg', 'pybuilddir.txt')


def capture(ip, T, iv):
    """A scenario dict for the oracle describing T and the install's landmarks."""
    files = {}

    def add(path):
        try:
            st = os.lstat(path)
        except OSError:
            return
        if stat.S_ISLNK(st.st_mode):
            files[path] = {'link': os.readlink(path)}
        elif stat.S_ISDIR(st.st_mode):
            files[path] = {'type': 'dir', 'mode': '%o' % (st.st_mode & 0o777)}
        elif stat.S_ISREG(st.st_mode):
            node = {'type': 'exec' if st.st_mode & 0o111 else 'file', 'mode': '%o' % (st.st_mode & 0o777)}
            if os.path.basename(path) in CONTENT_NAMES or path.endswith('._pth'):
                with open(path, 'rb') as f:
                    node['content'] = f.read().decode('utf-8', 'surrogateescape')
            files[path] = node

    for dirpath, dirnames, filenames in os.walk(T):
        for n in dirnames + filenames:
            add(os.path.join(dirpath, n))
    P = ip.prefix
    lib = os.path.join(P, 'lib', 'python' + ip.ver)
    for n in ('python', 'python3', 'python' + ip.ver, 'python3._pth', 'pyvenv.cfg', 'pybuilddir.txt'):
        add(os.path.join(P, 'bin', n))
    for p in (os.path.join(lib, 'os.py'), os.path.join(lib, 'lib-dynload'),
              os.path.join(P, 'lib', 'python' + ip.ver.replace('.', '') + '.zip'),
              os.path.join(lib, 'encodings', '__init__.py')):
        add(p)
    env = {'HOME': iv['home'], 'PATH': '/usr/bin:/bin'}
    env.update(iv['env'])
    return {'name': 'captured', 'platform': 'posix',
            'python': {'version': ip.ver, 'prefix': P, 'exec_prefix': P, 'platlibdir': 'lib', 'vpath': ''},
            'invocation': {'argv0': iv['argv0'], 'cwd': iv['cwd'], 'env': env,
                           'flags': iv['flags'] + ['-S']},
            'files': files}


def compare_oracle(res, real):
    if res.get('error'):
        if real['rc'] != 0 and 'error evaluating path' in real['stderr']:
            return []
        return [f'oracle: getpath raised {res["error"]}; real rc {real["rc"]}']
    if real['rc'] != 0:
        if 'error evaluating path' in real['stderr']:
            return ['real getpath raised ("error evaluating path"), the oracle did not']
        return None     # died later (encodings): nothing printed to compare
    out = real['out']
    cfg = res['config']
    d = []
    for k in SYS_FIELDS:
        if diffutil.norm_str(cfg.get(k)) != diffutil.norm_str(out[k]):
            d.append(f'{k}: real {out[k]!r}  oracle {cfg.get(k)!r}')
    # sys.path[0] (inserted after getpath unless safe_path) is not getpath's
    real_msp = out['path'] if cfg.get('safe_path') else out['path'][1:]
    if cfg['module_search_paths'] != real_msp:
        d += diffutil.list_diff('sys.path (after path0)', real_msp, cfg['module_search_paths'], 'real', 'oracle')
    if real_warnings(real['stderr']) != res['warnings']:
        d.append(f'warnings: real {real_warnings(real["stderr"])}  oracle {res["warnings"]}')
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('-k', dest='pattern')
    g = ap.add_mutually_exclusive_group()
    g.add_argument('--site', dest='site', action='store_true', default=None)
    g.add_argument('--no-site', dest='site', action='store_false')
    ap.add_argument('--no-oracle', action='store_true')
    ap.add_argument('-j', type=int, default=max(4, 2 * (os.cpu_count() or 2)))
    a = ap.parse_args()
    if a.site is None:
        a.site = os.path.exists(os.path.join(REPO, 'engine', 'site.c'))
    t = diffutil.Tally('real-layouts', a.verbose)

    interps, missing = find_interpreters()
    for m in missing:
        print(f'note: {m}')
    if not interps:
        t.skip('all cases', '; '.join(missing))
        return t.finish()
    have_ps = os.access(diffutil.pathscope_binary(), os.X_OK)
    if not have_ps:
        t.fail('pathscope binary', [f'{diffutil.pathscope_binary()} is missing: build it first (make)'])
    if not a.site:
        print('note: site stage comparisons off (engine/site.c absent or --no-site): -S runs only')
    do_oracle = not a.no_oracle and HAVE_YAML

    top = tempfile.mkdtemp(prefix='ps-real-')
    jobs = []
    for ip in interps:
        for name, fn in CASES.items():
            if a.pattern and a.pattern not in f'{name} [{ip.label}]':
                continue
            jobs.append((ip, name, fn))

    def one(job):
        ip, name, fn = job
        T = os.path.join(top, f'{ip.label}-{name}')
        os.makedirs(T)
        home = os.path.join(T, 'home')
        os.makedirs(home)
        try:
            iv = fn(ip, T)
        except Exception as e:
            t.fail(f'{name} [{ip.label}]', [f'cannot build the layout: {type(e).__name__}: {e}'])
            return
        if iv is None:
            return
        iv['home'] = home
        variants = [('-S', True)] if '-S' in iv['flags'] else [('-S', True)] + ([('site', False)] if a.site else [])
        for vname, add_S in variants:
            flags = list(iv['flags'])
            if add_S and '-S' not in flags:
                flags.append('-S')
            label = f'{name} [{ip.label} {vname}]'
            real = run_real(iv, flags)
            rc, ps, err = run_ps(ip, iv, flags) if have_ps else (None, None, None)
            if not have_ps:
                pass
            elif rc == 2 or rc is None:
                t.fail(label, [f'pathscope resolve exit {rc}: {err}'])
            else:
                d = compare_sys(real, ps, rc, err, not add_S)
                if d:
                    cmd = ' '.join(f'{k}={v!r}' for k, v in iv['env'].items())
                    d.append(f'case: cd {iv["cwd"]}; {cmd} exec -a {iv["argv0"]} {iv["exe"]} {" ".join(flags)}')
                    t.fail(label, d)
                else:
                    t.ok(label)
            if add_S and do_oracle and ip.capi:
                iv2 = dict(iv, flags=[f for f in flags if f != '-S'])
                try:
                    res = oracle.run(capture(ip, T, iv2), ip.ver)
                except Exception as e:
                    t.fail(label + ' oracle', [f'oracle failed: {type(e).__name__}: {e}'])
                    continue
                d = compare_oracle(res, real)
                if d is None:
                    t.skip(label + ' oracle', 'real interpreter died after getpath: nothing to compare')
                elif d:
                    t.fail(label + ' oracle', d)
                else:
                    t.ok(label + ' oracle')

    try:
        with ThreadPoolExecutor(a.j) as ex:
            list(ex.map(one, jobs))
    finally:
        shutil.rmtree(top, ignore_errors=True)
    return t.finish()


if __name__ == '__main__':
    sys.exit(main())
